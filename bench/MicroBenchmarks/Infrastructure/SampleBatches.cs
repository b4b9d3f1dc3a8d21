using Proto = Ingest.Protocol.V1;

namespace Ingest.MicroBenchmarks.Infrastructure;

/// <summary>
/// Realistic reading batches from a fixed seed: readings 10 ms apart with up to ±200 µs of jitter, values
/// a slow sine (10-minute period, a random phase per batch) plus a little noise.
/// </summary>
internal static class SampleBatches
{
    /// <summary>The seed every benchmark draws its data from.</summary>
    public const int Seed = 20260301;

    /// <summary>The nominal time between two readings: 10 ms.</summary>
    public const long IntervalMicros = 10_000;

    /// <summary>The most a reading's timestamp is off its nominal time: 200 µs, so timestamps stay ascending.</summary>
    public const long JitterMicros = 200;

    private const double PeriodSeconds = 600;

    /// <summary>The nominal time of the first reading of sequence 1: 2026-03-01T12:00:00Z, in µs since the Unix epoch.</summary>
    public static readonly long StartMicros = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    /// <summary>A clock a day after <see cref="StartMicros"/>: the samples are neither in the future nor before 2000.</summary>
    public static TimeProvider Clock { get; } = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(StartMicros / 1000).AddDays(1));

    /// <summary>The id of the sensor at <paramref name="index"/> of a fleet.</summary>
    public static string SensorId(int index) => $"bench-{index:D4}";

    /// <summary>
    /// The readings of batch <paramref name="sequence"/> of <paramref name="count"/> readings, following on from the
    /// sensor's earlier batches of the same size: timestamps (ascending) and values, index for index.
    /// </summary>
    public static (long[] TimestampsMicros, double[] Values) Readings(long sequence, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var timestamps = new long[count];
        var values = new double[count];
        var phase = random.NextDouble() * 2 * Math.PI;
        var start = StartMicros + ((sequence - 1) * count * IntervalMicros);
        for (var i = 0; i < count; i++)
        {
            timestamps[i] = start + (i * IntervalMicros) + random.NextInt64(-JitterMicros, JitterMicros + 1);
            var seconds = (timestamps[i] - StartMicros) / 1e6;
            values[i] = 20 + (5 * Math.Sin((2 * Math.PI * seconds / PeriodSeconds) + phase)) + ((random.NextDouble() - 0.5) * 0.2);
        }

        return (timestamps, values);
    }

    /// <summary>Batch <paramref name="sequence"/> of <see cref="Readings"/> as a sensor sends it: packed readings, the first delta zero.</summary>
    public static Proto.ReadingBatch Message(string sensorId, long sequence, int count, Random random)
    {
        var (timestamps, values) = Readings(sequence, count, random);
        var readings = new Proto.PackedReadings { BaseTimeUnixMicros = timestamps[0] };
        var previous = timestamps[0];
        foreach (var timestamp in timestamps)
        {
            readings.TimeDeltasMicros.Add(timestamp - previous);
            previous = timestamp;
        }

        readings.Values.Add(values);
        return new Proto.ReadingBatch { SensorId = sensorId, Sequence = (ulong)sequence, Readings = readings };
    }
}
