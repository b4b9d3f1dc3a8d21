namespace Ingest.Collector.Storage;

/// <summary>What the commit pipeline did with one batch.</summary>
/// <param name="Kind">Stored, already stored, or rejected.</param>
/// <param name="ReadingCount">The readings the batch carried.</param>
/// <param name="Gap">The sequences found missing before this batch, recorded as known loss.</param>
/// <param name="RejectionReason">Why the batch was rejected.</param>
internal readonly record struct CommitOutcome(CommitOutcomeKind Kind, int ReadingCount, SequenceGapRecord? Gap, string? RejectionReason);
