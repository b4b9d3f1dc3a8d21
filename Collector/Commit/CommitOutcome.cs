using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;

namespace Ingest.Collector.Commit;

/// <summary>What the commit pipeline did with one request.</summary>
/// <param name="Kind">Stored, already stored, rejected, fenced, or a session opened.</param>
/// <param name="ReadingCount">The readings the batch carried.</param>
/// <param name="Gap">The sequences found missing before this batch (or reported lost by a greeting), recorded as known loss.</param>
/// <param name="RejectionReason">Why the batch was rejected or fenced.</param>
/// <param name="Rejection">What kind of refusal a rejection is.</param>
/// <param name="Cursor">Where the sensor stands after the request: for a session opened, the new session and the exact resume point.</param>
internal readonly record struct CommitOutcome(
    CommitOutcomeKind Kind,
    int ReadingCount,
    SequenceGapRecord? Gap,
    string? RejectionReason,
    RejectionKind Rejection = RejectionKind.InvalidContent,
    SensorCursor Cursor = default);
