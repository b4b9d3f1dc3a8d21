namespace Ingest.Collector.Storage;

internal enum CommitOutcomeKind
{
    /// <summary>Stored durably by this request.</summary>
    Committed,

    /// <summary>The sequence was already settled: nothing stored again.</summary>
    Duplicate,

    /// <summary>Refused for its content; the sequence is settled as rejected.</summary>
    Rejected,
}
