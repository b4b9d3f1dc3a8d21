using Npgsql;

namespace Ingest.Collector.Storage.Postgres;

/// <summary>What PostgreSQL's errors mean to the collector.</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// True when the server says stored data is damaged (class XX: data_corrupted, index_corrupted), rather than
    /// unavailable for now (a lost connection, a full disk, a server shutting down), which the collector rides out.
    /// </summary>
    public static bool IsDamage(Exception failure) =>
        failure is PostgresException { SqlState: PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted };

    /// <summary>
    /// True for a transaction PostgreSQL aborted because of another one (a deadlock, a serialization failure): the
    /// same transaction succeeds when tried again.
    /// </summary>
    public static bool IsRetryable(Exception failure) =>
        failure is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };
}
