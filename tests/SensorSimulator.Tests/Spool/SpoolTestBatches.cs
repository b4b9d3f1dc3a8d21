using Ingest.SensorSimulator.Model;


namespace Ingest.SensorSimulator.Tests.Spool;

/// <summary>
/// Batches whose content follows from (sensor, sequence) alone, so that a test (or a child process) can
/// say what a recovered batch must hold. Values are random bit patterns (NaN payloads, subnormals,
/// infinities included) after a fixed set of awkward ones; timestamps go backwards as well as forwards.
/// </summary>
internal static class SpoolTestBatches
{
    private static readonly double[] Awkward =
    [
        -0.0, 0.0, double.Epsilon, -double.Epsilon, 2.2250738585072009e-308, BitConverter.Int64BitsToDouble(0x0000_0000_0000_0001),
        BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234), BitConverter.Int64BitsToDouble(unchecked((long)0xFFF0_0000_0000_0001)),
        double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, Math.PI,
    ];

    public static SealedBatch Create(string sensorId, ulong sequence, int readings = 100)
    {
        // A seed that is the same in every process (HashCode is randomized per process).
        var random = new Random(unchecked((StableHash(sensorId) * 31) + (int)sequence));
        var values = new Reading[readings];
        var timestamp = 1_700_000_000_000_000L + ((long)sequence * 1_000_000);
        for (var i = 0; i < readings; i++)
        {
            var value = i < Awkward.Length ? Awkward[(i + (int)sequence) % Awkward.Length] : BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            values[i] = new Reading(timestamp, value);
            timestamp += random.Next(-5_000, 20_000);
        }

        return new SealedBatch(sequence, values);
    }

    /// <summary>Readings as (timestamp, value bits), to compare bit for bit.</summary>
    public static (long Timestamp, long Bits)[] Bits(SealedBatch batch) =>
        [.. batch.Readings.Select(r => (r.TimestampMicros, BitConverter.DoubleToInt64Bits(r.Value)))];

    /// <summary>Asserts that <paramref name="actual"/> is <paramref name="expected"/>, bit for bit.</summary>
    public static void AssertSame(SealedBatch expected, SealedBatch actual)
    {
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(Bits(expected), Bits(actual));
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
