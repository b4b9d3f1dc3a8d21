using System.Buffers;
using Ingest.Protocol;

namespace Ingest.SensorSimulator.Model;

/// <summary>A batch of one sensor's readings, numbered and closed: it will never change.</summary>
/// <param name="Sequence">The batch's sequence number, contiguous per sensor, from 1.</param>
/// <param name="Readings">The readings in event-time order.</param>
internal sealed record SealedBatch(ulong Sequence, IReadOnlyList<Reading> Readings)
{
    /// <summary>How many readings the batch holds.</summary>
    public int Count => Readings.Count;

    /// <summary>The <see cref="ReadingsChecksum"/> of the readings, as the collector computes it of what it stores.</summary>
    public ulong Checksum()
    {
        var timestamps = ArrayPool<long>.Shared.Rent(Count);
        var values = ArrayPool<double>.Shared.Rent(Count);
        try
        {
            for (var i = 0; i < Count; i++)
            {
                (timestamps[i], values[i]) = (Readings[i].TimestampMicros, Readings[i].Value);
            }

            return ReadingsChecksum.Compute(timestamps.AsSpan(0, Count), values.AsSpan(0, Count));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(timestamps);
            ArrayPool<double>.Shared.Return(values);
        }
    }
}
