using Wire = Ingest.Protocol.V1;

namespace Ingest.Testing;

/// <summary>
/// Valid reading batches as sensors send them, timed from a fixed instant (<see cref="Epoch"/>), never from the wall
/// clock, so that what a test stores and asserts is the same on every run.
/// </summary>
public static class ReadingBatches
{
    /// <summary>The time between two readings unless a test says otherwise: 10 ms.</summary>
    public const long IntervalMicros = 10_000;

    /// <summary>2026-03-01T12:00:00Z: a whole minute, so 1 s, 10 s and 60 s windows start there; after 2000 and not ahead of any clock that runs the tests.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="Epoch"/> in microseconds since the Unix epoch.</summary>
    public static long EpochMicros => Epoch.ToUnixTimeMilliseconds() * 1000;

    /// <summary>
    /// A batch of <paramref name="count"/> readings from <paramref name="startMicros"/>, <paramref name="intervalMicros"/>
    /// apart, reading i valued <paramref name="value"/>(i); packed as a sensor packs them, the first delta zero.
    /// </summary>
    public static Wire.ReadingBatch Create(string sensorId, ulong sequence, long startMicros, int count, Func<int, double> value, long intervalMicros = IntervalMicros)
    {
        ArgumentNullException.ThrowIfNull(value);
        var readings = new Wire.PackedReadings { BaseTimeUnixMicros = startMicros };
        for (var i = 0; i < count; i++)
        {
            readings.TimeDeltasMicros.Add(i == 0 ? 0 : intervalMicros);
            readings.Values.Add(value(i));
        }

        return new Wire.ReadingBatch { SensorId = sensorId, Sequence = sequence, Readings = readings };
    }

    /// <summary>
    /// Batch <paramref name="sequence"/> of a sensor that sends <paramref name="count"/> readings 10 ms apart per batch,
    /// one batch after another from <see cref="Epoch"/>; values <paramref name="value"/>, <paramref name="value"/> + 1, ….
    /// </summary>
    public static Wire.ReadingBatch Regular(string sensorId, ulong sequence, int count = 100, double value = 20.5) =>
        Create(sensorId, sequence, EpochMicros + ((long)sequence * count * IntervalMicros), count, i => value + i);

    /// <summary>Batches <paramref name="first"/>..<paramref name="last"/> of <see cref="Regular"/>.</summary>
    public static IEnumerable<Wire.ReadingBatch> Sequences(string sensorId, ulong first, ulong last, int count = 100)
    {
        for (var sequence = first; sequence <= last; sequence++)
        {
            yield return Regular(sensorId, sequence, count);
        }
    }

    /// <summary>
    /// A batch that lines up with 1 s, 10 s and 60 s windows: <paramref name="count"/> readings 10 ms apart from
    /// <paramref name="second"/> whole seconds after <see cref="Epoch"/>; values 0, 1, 2, … plus <paramref name="offset"/>.
    /// </summary>
    public static Wire.ReadingBatch Second(string sensorId, ulong sequence, int second, int count = 100, double offset = 0) =>
        Create(sensorId, sequence, EpochMicros + (second * 1_000_000L), count, i => offset + i);

    /// <summary>Sequences <paramref name="first"/>..<paramref name="last"/> of <see cref="Second"/>, sequence n covering second n - 1.</summary>
    public static IEnumerable<Wire.ReadingBatch> Seconds(string sensorId, ulong first, ulong last, int count = 100)
    {
        for (var sequence = first; sequence <= last; sequence++)
        {
            yield return Second(sensorId, sequence, (int)sequence - 1, count);
        }
    }

    /// <summary>The timestamps of <paramref name="batch"/>'s readings, in microseconds since the Unix epoch: its base time plus the running sum of its deltas.</summary>
    public static long[] TimestampsMicros(Wire.ReadingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var readings = batch.Readings;
        var timestamps = new long[readings.TimeDeltasMicros.Count];
        var time = readings.BaseTimeUnixMicros;
        for (var i = 0; i < timestamps.Length; i++)
        {
            time += readings.TimeDeltasMicros[i];
            timestamps[i] = time;
        }

        return timestamps;
    }
}
