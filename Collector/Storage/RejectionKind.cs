namespace Ingest.Collector.Storage;

/// <summary>Why the commit pipeline refused a batch.</summary>
internal enum RejectionKind
{
    /// <summary>Its content broke a rule; its sequence is settled as rejected.</summary>
    InvalidContent,

    /// <summary>Its sequence is stored with other readings: a sequence names one content for ever.</summary>
    ContentConflict,

    /// <summary>Its sequence was already settled as rejected or lost, so it can never be stored.</summary>
    AlreadySettled,
}
