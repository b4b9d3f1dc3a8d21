using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// The readings of every batch of one size, generated once before a run so that generating them costs
/// nothing during it: finite random values from a fixed seed, one reading every <see cref="StepMicros"/>.
/// A sensor's batches follow one another in time: batch k starts where batch k - 1 ended.
/// </summary>
internal sealed class BatchTemplate
{
    /// <summary>The time between two readings of a sensor, in microseconds.</summary>
    public const long StepMicros = 10;

    /// <summary>How far in the past a sensor's first reading is, so that the collector's clock-skew check never refuses one.</summary>
    public static readonly TimeSpan StartInPast = TimeSpan.FromMinutes(3);

    /// <summary>How far ahead of now timestamps may run before a sensor starts over at <see cref="StartInPast"/> (below the collector's 5 min skew).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(4);

    private readonly PackedReadings _readings;

    public BatchTemplate(int batchSize, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        BatchSize = batchSize;
        var random = new Random(seed);
        _readings = new PackedReadings();
        for (var i = 0; i < batchSize; i++)
        {
            _readings.TimeDeltasMicros.Add(i == 0 ? 0 : StepMicros);
            _readings.Values.Add(Math.Round((random.NextDouble() * 100) - 20, 3));
        }
    }

    public int BatchSize { get; }

    /// <summary>
    /// Batch <paramref name="sequence"/> (from 1) of a sensor whose first reading is at <paramref name="firstMicros"/>
    /// (Unix microseconds): its readings start <c>(sequence - 1) * BatchSize</c> steps later.
    /// </summary>
    public ReadingBatch Create(string sensorId, ulong sequence, long firstMicros)
    {
        var readings = _readings.Clone();
        readings.BaseTimeUnixMicros = firstMicros + ((long)(sequence - 1) * BatchSize * StepMicros);
        return new ReadingBatch { SensorId = sensorId, Sequence = sequence, Readings = readings };
    }

    /// <summary>The first reading's time for a sensor starting now: <see cref="StartInPast"/> ago, in Unix microseconds.</summary>
    public static long FirstMicros(DateTimeOffset now) => (now - StartInPast).ToUnixTimeMilliseconds() * 1000;
}
