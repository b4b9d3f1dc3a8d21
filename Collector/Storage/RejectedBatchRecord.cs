namespace Ingest.Collector.Storage;

/// <summary>A batch refused for its content; its sequence is settled so that it is not also counted as lost.</summary>
internal sealed record RejectedBatchRecord(string SensorId, long Sequence, int ReadingCount, string Reason);
