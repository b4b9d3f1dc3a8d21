namespace Ingest.Collector.Diagnostics;

/// <summary>
/// The running totals of the ingest path: what storage holds (restored at start, and, where several collectors share
/// the database, refreshed from it), and <paramref name="ReadingsCommittedHere"/>, what this collector itself committed
/// since it started — the measure of its own rate.
/// </summary>
internal readonly record struct IngestTotals(
    long ReadingsCommitted,
    long BatchesCommitted,
    long DuplicateBatches,
    long RejectedBatches,
    long LostBatches,
    long CommitFailures,
    long UploadsOpen,
    long UploadsRefused,
    int QueueDepth,
    long ReadingsCommittedHere = 0);
