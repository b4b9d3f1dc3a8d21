using System.Buffers;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Model;
using Ingest.Collector.Settings;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// Checks a batch's content against the rules of the ingest path and turns it into a <see cref="ReadingBatch"/>
/// in its stored form, with its window runs when it is time-ordered: the work per reading happens here, on the
/// stream's own thread, in one pass over scratch arrays that go back to the pool. Sensor id and sequence are
/// checked by the caller, since they decide what happens to the whole stream.
/// </summary>
internal sealed class BatchValidator(LastGoodOptions<IngestionOptions> options, WindowRunPlanner planner, TimeProvider timeProvider)
{
    /// <summary>The earliest timestamp accepted: 2000-01-01T00:00:00Z.</summary>
    public static readonly long EarliestMicros = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    public BatchValidation Validate(Wire.ReadingBatch message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var limits = options.Current;
        var readings = message.Readings;
        var count = readings?.Values.Count ?? 0;
        if (readings is null || count == 0)
        {
            return BatchValidation.Reject(0, "the batch has no readings; send at least one");
        }

        if (count > limits.MaxReadingsPerBatch)
        {
            return BatchValidation.Reject(count, $"the batch has {count} readings; at most {limits.MaxReadingsPerBatch} are allowed per batch");
        }

        if (readings.TimeDeltasMicros.Count != count)
        {
            return BatchValidation.Reject(count, $"the batch has {count} values but {readings.TimeDeltasMicros.Count} time deltas; send one delta per value");
        }

        var timestamps = ArrayPool<long>.Shared.Rent(count);
        var values = ArrayPool<double>.Shared.Rent(count);
        try
        {
            readings.TimeDeltasMicros.CopyTo(timestamps, 0);
            readings.Values.CopyTo(values, 0);
            var latest = (timeProvider.GetUtcNow() + limits.MaxClockSkew).ToUnixTimeMilliseconds() * 1000;
            return Check(message, timestamps.AsSpan(0, count), values.AsSpan(0, count), readings.BaseTimeUnixMicros, latest, limits);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(timestamps);
            ArrayPool<double>.Shared.Return(values);
        }
    }

    /// <summary>Turns the deltas into timestamps in place, checks every reading, and encodes the batch when all pass.</summary>
    private BatchValidation Check(Wire.ReadingBatch message, Span<long> timestamps, ReadOnlySpan<double> values, long time, long latest, IngestionOptions limits)
    {
        var count = values.Length;
        long min = long.MaxValue, max = long.MinValue;
        var ordered = true;
        for (var i = 0; i < count; i++)
        {
            var value = values[i];
            if (!double.IsFinite(value))
            {
                return BatchValidation.Reject(count, $"reading {i} is {value}; values must be finite numbers");
            }

            var delta = timestamps[i];
            if (delta > 0 ? time > long.MaxValue - delta : time < long.MinValue - delta)
            {
                return BatchValidation.Reject(count, $"reading {i}'s timestamp overflows: {time} µs plus a delta of {delta} µs; timestamps are microseconds since the Unix epoch");
            }

            time += delta;
            if (time < EarliestMicros)
            {
                return BatchValidation.Reject(count, $"reading {i} is timestamped {Describe(time)}, before 2000-01-01; timestamps are microseconds since the Unix epoch");
            }

            if (time > latest)
            {
                return BatchValidation.Reject(count, $"reading {i} is timestamped {Describe(time)}, more than {limits.MaxClockSkew} ahead of the collector's clock; check the sensor's clock");
            }

            ordered &= delta >= 0 || i == 0;
            timestamps[i] = time;
            min = Math.Min(min, time);
            max = Math.Max(max, time);
        }

        var runs = ordered ? planner.Summarize(timestamps, values) : null;
        return BatchValidation.Accept(ReadingBatch.FromReadings(message.SensorId, (long)message.Sequence, timestamps, values, min, max, ordered, runs));
    }

    private static string Describe(long micros) =>
        micros is > -62_135_596_800_000_000 and < 253_402_300_799_000_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000).ToString("O", System.Globalization.CultureInfo.InvariantCulture)
            : $"{micros} µs";
}
