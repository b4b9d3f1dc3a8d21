using Microsoft.Data.Sqlite;

namespace Ingest.Collector.Storage;

/// <summary>Creates the schema on first start and refuses a database from a newer collector.</summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this collector writes, kept in <c>PRAGMA user_version</c>.</summary>
    public const int CurrentVersion = 1;

    private const string Version1 =
        """
        CREATE TABLE sensors (
          sensor_id        TEXT    NOT NULL PRIMARY KEY,
          kind             TEXT    NOT NULL DEFAULT '',
          settled_sequence INTEGER NOT NULL,
          first_seen_ms    INTEGER NOT NULL,
          last_write_ms    INTEGER NOT NULL
        );
        CREATE TABLE chunks (
          sensor_id       TEXT    NOT NULL,
          sequence        INTEGER NOT NULL,
          first_time_us   INTEGER NOT NULL,
          last_time_us    INTEGER NOT NULL,
          reading_count   INTEGER NOT NULL,
          encoding        INTEGER NOT NULL,
          readings        BLOB    NOT NULL,
          committed_at_ms INTEGER NOT NULL,
          UNIQUE (sensor_id, sequence)
        );
        CREATE INDEX chunks_by_time ON chunks (sensor_id, first_time_us);
        CREATE TABLE gaps (
          sensor_id      TEXT    NOT NULL,
          first_sequence INTEGER NOT NULL,
          last_sequence  INTEGER NOT NULL,
          detected_at_ms INTEGER NOT NULL,
          PRIMARY KEY (sensor_id, first_sequence)
        );
        CREATE TABLE rejects (
          sensor_id      TEXT    NOT NULL,
          sequence       INTEGER NOT NULL,
          reading_count  INTEGER NOT NULL,
          reason         TEXT    NOT NULL,
          rejected_at_ms INTEGER NOT NULL,
          PRIMARY KEY (sensor_id, sequence)
        );
        CREATE TABLE schema_info (
          version    INTEGER NOT NULL,
          created_ms INTEGER NOT NULL
        );
        """;

    public static async Task EnsureAsync(SqliteConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {version}, newer than the {CurrentVersion} this collector understands. Run a newer collector, or point Collector:Storage:Path at another file.");
        }

        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;", cancellationToken);
        if (version == 0)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            await ExecuteAsync(connection, Version1, cancellationToken, transaction);
            await ExecuteAsync(connection,
                $"INSERT INTO schema_info (version, created_ms) VALUES ({CurrentVersion}, {now.ToUnixTimeMilliseconds()}); PRAGMA user_version = {CurrentVersion};",
                cancellationToken, transaction);
            transaction.Commit();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
