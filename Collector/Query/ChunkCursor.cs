using Ingest.Collector.Storage;

namespace Ingest.Collector.Query;

/// <summary>The readings of one stored chunk within a time range, in time order (ties in the order sent), and a position in them.</summary>
internal sealed class ChunkCursor
{
    private readonly long[] _timestamps;
    private readonly double[] _values;
    private int _position;

    private ChunkCursor(long sequence, long[] timestamps, double[] values)
    {
        Sequence = sequence;
        _timestamps = timestamps;
        _values = values;
    }

    public long Sequence { get; }

    public StoredReading Current => new(_timestamps[_position], _values[_position]);

    /// <summary>Orders cursors by their current reading's timestamp, then by sequence.</summary>
    public (long TimestampMicros, long Sequence) Key => (_timestamps[_position], Sequence);

    /// <summary>A cursor on the readings of <paramref name="chunk"/> with from &lt;= timestamp &lt; to; null when there are none.</summary>
    public static ChunkCursor? Create(StoredChunk chunk, long fromMicros, long toMicros)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var indexes = new List<int>(chunk.Count);
        var sorted = true;
        for (var i = 0; i < chunk.Count; i++)
        {
            var timestamp = chunk.TimestampsMicros[i];
            if (timestamp >= fromMicros && timestamp < toMicros)
            {
                sorted &= indexes.Count == 0 || chunk.TimestampsMicros[indexes[^1]] <= timestamp;
                indexes.Add(i);
            }
        }

        if (indexes.Count == 0)
        {
            return null;
        }

        if (!sorted)
        {
            // A sensor sent this batch out of time order: sort it, keeping equal timestamps in the order sent.
            indexes.Sort((a, b) => chunk.TimestampsMicros[a] != chunk.TimestampsMicros[b]
                ? chunk.TimestampsMicros[a].CompareTo(chunk.TimestampsMicros[b])
                : a.CompareTo(b));
        }

        return new ChunkCursor(chunk.Sequence, [.. indexes.Select(i => chunk.TimestampsMicros[i])], [.. indexes.Select(i => chunk.Values[i])]);
    }

    /// <summary>Moves to the next reading; false when there is none.</summary>
    public bool MoveNext() => ++_position < _values.Length;
}
