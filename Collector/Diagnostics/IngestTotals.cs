namespace Ingest.Collector.Diagnostics;

/// <summary>The running totals of the ingest path since the collector started.</summary>
internal readonly record struct IngestTotals(
    long ReadingsCommitted,
    long BatchesCommitted,
    long DuplicateBatches,
    long RejectedBatches,
    long LostBatches,
    long CommitFailures,
    long UploadsOpen,
    long UploadsRefused,
    int QueueDepth);
