using Ingest.Collector.Model;
using Ingest.Collector.Sequencing;

namespace Ingest.Collector.Storage;

/// <summary>Everything one storage transaction writes: all of it is committed, or none of it.</summary>
internal sealed class WriteSet
{
    private readonly Dictionary<string, SensorWrite> _sensors = new(StringComparer.Ordinal);

    public List<ReadingBatch> Chunks { get; } = [];

    public List<SequenceGapRecord> Gaps { get; } = [];

    public List<RejectedBatchRecord> Rejections { get; } = [];

    /// <summary>The row update of every sensor this transaction touches.</summary>
    public IReadOnlyCollection<SensorWrite> Sensors => _sensors.Values;

    public bool IsEmpty => Chunks.Count == 0 && Gaps.Count == 0 && Rejections.Count == 0 && _sensors.Count == 0;

    /// <summary>
    /// The row update of <paramref name="sensorId"/>, begun on first use with <paramref name="kind"/> and the cursor the
    /// row is expected to hold (<paramref name="expected"/>).
    /// </summary>
    public SensorWrite Sensor(string sensorId, string kind, SensorCursor expected)
    {
        if (!_sensors.TryGetValue(sensorId, out var write))
        {
            write = new SensorWrite(sensorId, kind, expected);
            _sensors.Add(sensorId, write);
        }

        return write;
    }

    /// <summary>The checksum of the chunk this transaction stores under (<paramref name="sensorId"/>, <paramref name="sequence"/>), if it stores one.</summary>
    public long? ChecksumOf(string sensorId, long sequence)
    {
        foreach (var chunk in Chunks)
        {
            if (chunk.Sequence == sequence && string.Equals(chunk.SensorId, sensorId, StringComparison.Ordinal))
            {
                return chunk.Checksum;
            }
        }

        return null;
    }

    public void Clear()
    {
        Chunks.Clear();
        Gaps.Clear();
        Rejections.Clear();
        _sensors.Clear();
    }
}
