using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Ingest.Collector.Storage;

/// <summary>
/// Reads a sensor's chunks in pages of <see cref="Size"/> by (<c>first_time_us</c>, <c>sequence</c>), one short query a
/// page, whichever engine: a slow reader holds no transaction open between pages (SQLite's would keep its write-ahead
/// log from being checkpointed while ingest goes on).
/// </summary>
internal static class ChunkPages
{
    /// <summary>Chunks read per page.</summary>
    public const int Size = 64;

    /// <summary>
    /// Streams the chunks that <paramref name="pageAfter"/> selects, page after page: it makes the command of the page
    /// after (first time, sequence), selecting at most <see cref="Size"/> rows of <c>sequence, first_time_us, last_time_us,
    /// encoding, readings, reading_count, checksum</c> in (first time, sequence) order. Each row is decoded and checked.
    /// </summary>
    public static async IAsyncEnumerable<StoredChunk> ReadAsync(
        string sensorId, Func<long, long, DbCommand> pageAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pageAfter);
        var afterTime = long.MinValue;
        var afterSequence = long.MinValue;
        while (true)
        {
            var page = new List<StoredChunk>(Size);
            await using (var command = pageAfter(afterTime, afterSequence))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var sequence = reader.GetInt64(0);
                    page.Add(StoredChunkRows.Decode(sensorId, sequence, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3),
                        reader.GetFieldValue<byte[]>(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6)));
                    (afterTime, afterSequence) = (reader.GetInt64(1), sequence);
                }
            }

            foreach (var chunk in page)
            {
                yield return chunk;
            }

            if (page.Count < Size)
            {
                yield break;
            }
        }
    }
}
