using System.Runtime.CompilerServices;
using Ingest.Collector.Storage;

namespace Ingest.Collector.Query;

/// <summary>
/// Merges stored chunks into one stream of readings in time order (equal timestamps in sequence order).
/// Chunks arrive ordered by their earliest timestamp; only those that overlap the current position are
/// held, so memory stays bounded by how far a sensor's chunks overlap, not by the range read.
/// </summary>
internal static class ReadingMerge
{
    public static async IAsyncEnumerable<StoredReading> MergeAsync(
        IAsyncEnumerable<StoredChunk> chunks, long fromMicros, long toMicros, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var open = new PriorityQueue<ChunkCursor, (long TimestampMicros, long Sequence)>();
        await using var source = chunks.GetAsyncEnumerator(cancellationToken);
        var next = await source.MoveNextAsync() ? source.Current : null;
        while (true)
        {
            // A chunk that starts before the next reading to emit could hold an earlier one: take it in first.
            while (next is not null && (!open.TryPeek(out _, out var head) || (next.FirstTimeMicros, next.Sequence).CompareTo(head) < 0))
            {
                if (ChunkCursor.Create(next, fromMicros, toMicros) is { } cursor)
                {
                    open.Enqueue(cursor, cursor.Key);
                }

                next = await source.MoveNextAsync() ? source.Current : null;
            }

            if (!open.TryDequeue(out var earliest, out _))
            {
                yield break;
            }

            yield return earliest.Current;
            if (earliest.MoveNext())
            {
                open.Enqueue(earliest, earliest.Key);
            }
        }
    }
}
