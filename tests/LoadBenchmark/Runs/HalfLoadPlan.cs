using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// The half-load run: the full pipeline at half the peak readings/s measured with the largest batch size,
/// spread evenly over the sensors as one batch per <see cref="BatchInterval"/> each.
/// </summary>
internal sealed record HalfLoadPlan(int BatchSize, double ReadingsPerSecond, TimeSpan BatchInterval)
{
    /// <summary>The plan from the full runs; null without a full run that acknowledged anything.</summary>
    public static HalfLoadPlan? From(IReadOnlyList<RunResult> runs, int sensors)
    {
        var peak = ThroughputRatio.FullRuns(runs).LastOrDefault();
        if (peak is null || peak.ReadingsPerSecond <= 0 || sensors < 1)
        {
            return null;
        }

        var rate = peak.ReadingsPerSecond / 2;
        var perSensor = rate / sensors;
        return new HalfLoadPlan(peak.BatchSize!.Value, rate, TimeSpan.FromSeconds(peak.BatchSize.Value / perSensor));
    }
}
