namespace Ingest.SensorSimulator.Signals;

/// <summary>
/// A sensor's random seed from the fleet seed and its index: deterministic across processes and runs
/// (unlike <see cref="HashCode"/>), and well spread so that neighbouring sensors differ.
/// </summary>
internal static class SensorSeed
{
    public static int For(int fleetSeed, int sensorIndex)
    {
        // SplitMix64 finalizer over both inputs.
        var z = unchecked(((ulong)(uint)fleetSeed << 32) ^ (uint)sensorIndex);
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }
}
