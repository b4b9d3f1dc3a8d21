using System.Runtime.CompilerServices;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Query;

/// <summary>Packs readings in time order into <c>PackedReadings</c> of at most a given number of readings each.</summary>
internal static class ReadingPacker
{
    public static async IAsyncEnumerable<Wire.PackedReadings> PackAsync(
        IAsyncEnumerable<StoredReading> readings, int readingsPerChunk, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentOutOfRangeException.ThrowIfLessThan(readingsPerChunk, 1);
        Wire.PackedReadings? packed = null;
        long previous = 0;
        await foreach (var reading in readings.WithCancellation(cancellationToken))
        {
            if (packed is null)
            {
                packed = new Wire.PackedReadings { BaseTimeUnixMicros = reading.TimestampMicros };
                previous = reading.TimestampMicros;
            }

            packed.TimeDeltasMicros.Add(reading.TimestampMicros - previous);
            packed.Values.Add(reading.Value);
            previous = reading.TimestampMicros;
            if (packed.Values.Count == readingsPerChunk)
            {
                yield return packed;
                packed = null;
            }
        }

        if (packed is not null)
        {
            yield return packed;
        }
    }
}
