using Ingest.Collector.Storage;
namespace Ingest.Collector.Commit;

internal enum CommitOutcomeKind
{
    /// <summary>Stored durably by this request.</summary>
    Committed,

    /// <summary>The sequence was already stored with these very readings: nothing stored again.</summary>
    Duplicate,

    /// <summary>Refused (see <see cref="RejectionKind"/>); nothing stored.</summary>
    Rejected,

    /// <summary>The batch belongs to a session other than the sensor's current one: neither stored nor acknowledged.</summary>
    Fenced,

    /// <summary>A greeting's new session is recorded.</summary>
    SessionOpened,
}
