using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Ingest.Collector.Storage;

/// <summary>
/// Reads a sensor's chunks in pages of at most <see cref="Size"/> chunks and a number of readings by (<c>first_time_us</c>,
/// <c>sequence</c>), one short query a page, whichever engine: a slow reader holds no transaction, connection or lock
/// between pages (SQLite's transaction would keep its write-ahead log from being checkpointed while ingest goes on), and
/// what a page holds decoded is bounded in bytes, not only in chunks.
/// </summary>
internal static class ChunkPages
{
    /// <summary>Chunks read per page.</summary>
    public const int Size = 64;

    /// <summary>
    /// Streams the chunks that <paramref name="pageAfter"/> selects, page after page: it makes the command of the page
    /// after (first time, sequence), selecting at most <see cref="Size"/> rows of <c>sequence, first_time_us, last_time_us,
    /// encoding, readings, reading_count, checksum</c> in (first time, sequence) order. A page takes rows while their
    /// readings stay within <paramref name="maxPageReadings"/> (at least one row), and the next page starts after the
    /// last row taken. Each row is decoded and checked; a chunk is let go of once it has been handed on.
    /// </summary>
    public static async IAsyncEnumerable<StoredChunk> ReadAsync(
        string sensorId, int maxPageReadings, Func<long, long, DbCommand> pageAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pageAfter);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPageReadings, 1);
        var afterTime = long.MinValue;
        var afterSequence = long.MinValue;
        while (true)
        {
            var page = new List<StoredChunk?>(Size);
            var more = false;
            long readings = 0;
            await using (var command = pageAfter(afterTime, afterSequence))
            {
                // The reader closes the page's connection (an engine's own, or one the data source lent) when it is done;
                // when no reader comes (the client left, storage failed), the connection is closed here.
                DbDataReader opened;
                try
                {
                    opened = await command.ExecuteReaderAsync(CommandBehavior.CloseConnection, cancellationToken);
                }
                catch
                {
                    if (command.Connection is { } connection)
                    {
                        await connection.DisposeAsync();
                    }

                    throw;
                }

                await using var reader = opened;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var count = reader.GetInt64(5);
                    if (page.Count > 0 && readings + count > maxPageReadings)
                    {
                        // The page is full in bytes before it is in rows: the rest comes in the next one.
                        more = true;
                        break;
                    }

                    readings += count;
                    var sequence = reader.GetInt64(0);
                    page.Add(StoredChunkRows.Decode(sensorId, sequence, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3),
                        reader.GetFieldValue<byte[]>(4), count, reader.IsDBNull(6) ? null : reader.GetInt64(6)));
                    (afterTime, afterSequence) = (reader.GetInt64(1), sequence);
                }
            }

            more |= page.Count == Size;
            for (var i = 0; i < page.Count; i++)
            {
                var chunk = page[i]!;
                page[i] = null;
                yield return chunk;
            }

            if (!more)
            {
                yield break;
            }
        }
    }
}
