using Ingest.Protocol;
using Microsoft.Data.Sqlite;

namespace Ingest.Collector.Storage.Sqlite;

/// <summary>
/// Creates the schema on first start, upgrades an older one in one transaction (keeping its data), and
/// refuses a database from a newer collector. Safe when two connections ensure it at once: the version is
/// read again inside the write transaction.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// The page size of a database this collector creates (one created earlier keeps its own). A chunk of 1,000
    /// compressed readings is 1–3 KB: seven fit a 16 KB page, while a 4 KB page holds one and stays half empty, and
    /// every page goes through the write-ahead log and again into the file. Larger pages cost more per commit,
    /// which rewrites every index page it touches (two per sensor). Measured with ./bench.sh: 4, 8, 16, 32 and
    /// 64 KB pages gave 27, 31, 33, 33 and 27 million readings/s (one run each).
    /// </summary>
    public const int PageSizeBytes = 16384;

    /// <summary>
    /// The schema version this collector writes, kept in <c>PRAGMA user_version</c>. Version 3 adds no table: it marks
    /// a file whose chunks may be in encoding 2, so that a collector that reads only encoding 1 refuses it at start
    /// instead of failing on queries later. Version 4 adds sessions, chunk checksums, gap reasons and per-sensor totals.
    /// </summary>
    public const int CurrentVersion = 4;

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

    /// <summary>Version 2 adds the desired sensor configuration: operators' overrides and the versions given to sensors.</summary>
    private const string Version2 =
        """
        CREATE TABLE config_overrides (
          scope      TEXT    NOT NULL,
          target     TEXT    NOT NULL,
          setting    TEXT    NOT NULL,
          value      TEXT    NOT NULL,
          updated_ms INTEGER NOT NULL,
          PRIMARY KEY (scope, target, setting)
        );
        CREATE TABLE sensor_configs (
          sensor_id  TEXT    NOT NULL PRIMARY KEY,
          kind       TEXT    NOT NULL,
          version    INTEGER NOT NULL,
          hash       TEXT    NOT NULL,
          updated_ms INTEGER NOT NULL
        );
        """;

    /// <summary>
    /// Version 4: each sensor's current session (a greeting opens the next) and its totals, so that the collector's
    /// figures survive a restart (filled from the existing rows; duplicates were not kept before, so they start at 0);
    /// each chunk's <see cref="ReadingsChecksum"/> (NULL for chunks written before, which are read unchecked); and each
    /// gap's reason.
    /// </summary>
    private const string Version4 =
        """
        ALTER TABLE sensors ADD COLUMN session INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sensors ADD COLUMN committed_batches INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sensors ADD COLUMN committed_readings INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sensors ADD COLUMN duplicate_batches INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sensors ADD COLUMN rejected_batches INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sensors ADD COLUMN rejected_readings INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sensors ADD COLUMN lost_batches INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE chunks ADD COLUMN checksum INTEGER;
        ALTER TABLE gaps ADD COLUMN reason TEXT NOT NULL DEFAULT '';
        UPDATE sensors SET
          committed_batches = (SELECT count(*) FROM chunks c WHERE c.sensor_id = sensors.sensor_id),
          committed_readings = (SELECT coalesce(sum(reading_count), 0) FROM chunks c WHERE c.sensor_id = sensors.sensor_id),
          rejected_batches = (SELECT count(*) FROM rejects r WHERE r.sensor_id = sensors.sensor_id),
          rejected_readings = (SELECT coalesce(sum(reading_count), 0) FROM rejects r WHERE r.sensor_id = sensors.sensor_id),
          lost_batches = (SELECT coalesce(sum(last_sequence - first_sequence + 1), 0) FROM gaps g WHERE g.sensor_id = sensors.sensor_id);
        """;

    public static async Task EnsureAsync(SqliteConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var version = await ReadVersionAsync(connection, null, cancellationToken);
        EnsureNotNewer(connection, version);
        await ExecuteAsync(connection, $"PRAGMA page_size = {PageSizeBytes}; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;", cancellationToken);
        if (version == CurrentVersion)
        {
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);

        // Another connection may have created or upgraded the schema since the read above.
        version = await ReadVersionAsync(connection, transaction, cancellationToken);
        EnsureNotNewer(connection, version);
        if (version == CurrentVersion)
        {
            return;
        }

        if (version == 0)
        {
            await ExecuteAsync(connection, Version1, cancellationToken, transaction);
            await ExecuteAsync(connection, $"INSERT INTO schema_info (version, created_ms) VALUES ({CurrentVersion}, {now.ToUnixTimeMilliseconds()});",
                cancellationToken, transaction);
        }

        if (version < 2)
        {
            await ExecuteAsync(connection, Version2, cancellationToken, transaction);
        }

        if (version < 4)
        {
            await ExecuteAsync(connection, Version4, cancellationToken, transaction);
        }

        await ExecuteAsync(connection, $"UPDATE schema_info SET version = {CurrentVersion}; PRAGMA user_version = {CurrentVersion};", cancellationToken, transaction);
        transaction.Commit();
    }

    private static void EnsureNotNewer(SqliteConnection connection, int version)
    {
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {version}, newer than the {CurrentVersion} this collector understands. Run a newer collector, or point Collector:Storage:Path at another file.");
        }
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        command.Transaction = transaction;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
