using Ingest.Collector.Model;

namespace Ingest.Collector.Storage;

/// <summary>Everything one storage transaction writes: all of it is committed, or none of it.</summary>
internal sealed class WriteSet
{
    public List<ReadingBatch> Chunks { get; } = [];

    public List<SequenceGapRecord> Gaps { get; } = [];

    public List<RejectedBatchRecord> Rejections { get; } = [];

    /// <summary>The new settled sequence (and known kind) of every sensor this transaction touches.</summary>
    public Dictionary<string, SensorRecord> Sensors { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Chunks.Count == 0 && Gaps.Count == 0 && Rejections.Count == 0 && Sensors.Count == 0;

    public void Clear()
    {
        Chunks.Clear();
        Gaps.Clear();
        Rejections.Clear();
        Sensors.Clear();
    }
}
