namespace Ingest.Collector.Storage;

/// <summary>
/// The database file is damaged (SQLite finds it malformed): what it holds cannot be trusted, and no retry mends it.
/// Callers answer DataLoss, not Unavailable.
/// </summary>
internal sealed class StorageDamagedException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The one message the collector stops with when it finds <paramref name="path"/> damaged at start: what and how to recover.</summary>
    public static StorageDamagedException RefusedAtStart(string path, string problem, Exception? innerException = null) =>
        new($"The database {path} is damaged: {problem}. The collector does not start on a damaged database. To recover, keep the collector " +
            $"stopped and move the file aside with the -wal and -shm files beside it, if any (mv {path} {path}.damaged; mv {path}-wal {path}.damaged-wal); " +
            $"then restore the latest backup to {path}, or salvage what can still be read into a new file: sqlite3 {path}.damaged \".recover\" | sqlite3 {path} " +
            "(a sqlite3 shell of version 3.29 or newer); then start the collector. Sensors resend what was not acknowledged; what the damaged part held and .recover " +
            "cannot read is lost.",
            innerException);
}
