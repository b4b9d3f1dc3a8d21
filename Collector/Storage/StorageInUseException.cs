namespace Ingest.Collector.Storage;

/// <summary>
/// Another collector has the database file open (it holds the lock file beside it): this one must not write to it, and
/// waiting does not help while that collector runs. The collector refuses to start with this message.
/// </summary>
internal sealed class StorageInUseException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The one message for a database <paramref name="path"/> whose lock file <paramref name="lockPath"/> another process holds.</summary>
    public static StorageInUseException Locked(string path, string lockPath, Exception? innerException = null) =>
        new($"Another collector is using the database {path} (it holds {lockPath}). Stop that collector, or give this one another " +
            "database file (Collector:Storage:Path, which run.sh sets from --data). One collector writes to one SQLite file; several " +
            "collectors share a PostgreSQL database instead.",
            innerException);
}
