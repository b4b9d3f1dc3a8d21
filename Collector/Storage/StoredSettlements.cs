namespace Ingest.Collector.Storage;

/// <summary>The rejections and gaps recorded for a range of one sensor's sequences, in sequence order.</summary>
internal sealed record StoredSettlements(IReadOnlyList<RejectedBatchRecord> Rejected, IReadOnlyList<SequenceGapRecord> Gaps);
