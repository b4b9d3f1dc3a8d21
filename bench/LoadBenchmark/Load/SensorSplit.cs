namespace Ingest.LoadBenchmark.Load;

/// <summary>How a run's sensors are spread over its collectors: sensor i to collector i mod n, so each gets an equal share (±1).</summary>
internal static class SensorSplit
{
    /// <summary>The collector (from 0) that sensor <paramref name="sensorIndex"/> (from 0) of a run sends to.</summary>
    public static int CollectorOf(int sensorIndex, int collectors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sensorIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(collectors, 1);
        return sensorIndex % collectors;
    }
}
