using Ingest.Collector.Model;
using Ingest.Collector.Hosting;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// Checks a batch's content against the rules of the ingest path and maps it to a <see cref="ReadingBatch"/>.
/// Sensor id and sequence are checked by the caller, since they decide what happens to the whole stream.
/// </summary>
internal sealed class BatchValidator(LastGoodOptions<IngestionOptions> options, TimeProvider timeProvider)
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

        var latest = (timeProvider.GetUtcNow() + limits.MaxClockSkew).ToUnixTimeMilliseconds() * 1000;
        var timestamps = new long[count];
        var values = new double[count];
        long time = readings.BaseTimeUnixMicros;
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            var value = readings.Values[i];
            if (!double.IsFinite(value))
            {
                return BatchValidation.Reject(count, $"reading {i} is {value}; values must be finite numbers");
            }

            time += readings.TimeDeltasMicros[i];
            if (time < EarliestMicros)
            {
                return BatchValidation.Reject(count, $"reading {i} is timestamped {Describe(time)}, before 2000-01-01; timestamps are microseconds since the Unix epoch");
            }

            if (time > latest)
            {
                return BatchValidation.Reject(count, $"reading {i} is timestamped {Describe(time)}, more than {limits.MaxClockSkew} ahead of the collector's clock; check the sensor's clock");
            }

            timestamps[i] = time;
            values[i] = value;
            min = Math.Min(min, time);
            max = Math.Max(max, time);
        }

        return BatchValidation.Accept(new ReadingBatch(message.SensorId, (long)message.Sequence, timestamps, values, min, max));
    }

    private static string Describe(long micros) =>
        micros is > -62_135_596_800_000_000 and < 253_402_300_799_000_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000).ToString("O", System.Globalization.CultureInfo.InvariantCulture)
            : $"{micros} µs";
}
