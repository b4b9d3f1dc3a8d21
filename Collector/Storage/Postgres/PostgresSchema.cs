using Npgsql;

namespace Ingest.Collector.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema: SQLite's tables and columns where they mean the same, every per-sensor table keyed by
/// <c>sensor_id</c> first (so that it can be distributed by <c>sensor_id</c> on Citus without a code change; the
/// config overrides are a small table of their own, a reference table there). Versioned in <c>schema_info</c> and
/// migrated step by step in one transaction, under an advisory lock so that collectors starting together take turns;
/// a database from a newer collector is refused.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The schema version this collector writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The advisory lock key that serializes schema changes between collectors ("ingest" in ASCII).</summary>
    private const long SchemaLockKey = 0x696E67657374;

    /// <summary>The steps that take a database from version N-1 to N, by N.</summary>
    private static readonly string[] Steps =
    [
        "",
        """
        CREATE TABLE schema_info (
          version    integer NOT NULL,
          created_ms bigint  NOT NULL
        );
        CREATE TABLE sensors (
          sensor_id          text   NOT NULL PRIMARY KEY,
          kind               text   NOT NULL DEFAULT '',
          settled_sequence   bigint NOT NULL DEFAULT 0,
          session            bigint NOT NULL DEFAULT 0,
          first_seen_ms      bigint NOT NULL,
          last_write_ms      bigint NOT NULL,
          committed_batches  bigint NOT NULL DEFAULT 0,
          committed_readings bigint NOT NULL DEFAULT 0,
          duplicate_batches  bigint NOT NULL DEFAULT 0,
          rejected_batches   bigint NOT NULL DEFAULT 0,
          rejected_readings  bigint NOT NULL DEFAULT 0,
          lost_batches       bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE chunks (
          sensor_id       text    NOT NULL,
          sequence        bigint  NOT NULL,
          first_time_us   bigint  NOT NULL,
          last_time_us    bigint  NOT NULL,
          reading_count   integer NOT NULL,
          encoding        integer NOT NULL,
          readings        bytea   NOT NULL,
          committed_at_ms bigint  NOT NULL,
          checksum        bigint,
          PRIMARY KEY (sensor_id, sequence)
        );
        CREATE INDEX chunks_by_time ON chunks (sensor_id, first_time_us);
        CREATE TABLE gaps (
          sensor_id      text   NOT NULL,
          first_sequence bigint NOT NULL,
          last_sequence  bigint NOT NULL,
          detected_at_ms bigint NOT NULL,
          reason         text   NOT NULL DEFAULT '',
          PRIMARY KEY (sensor_id, first_sequence)
        );
        CREATE TABLE rejects (
          sensor_id      text    NOT NULL,
          sequence       bigint  NOT NULL,
          reading_count  integer NOT NULL,
          reason         text    NOT NULL,
          rejected_at_ms bigint  NOT NULL,
          PRIMARY KEY (sensor_id, sequence)
        );
        CREATE TABLE config_overrides (
          scope      text   NOT NULL,
          target     text   NOT NULL,
          setting    text   NOT NULL,
          value      text   NOT NULL,
          updated_ms bigint NOT NULL,
          PRIMARY KEY (scope, target, setting)
        );
        CREATE TABLE sensor_configs (
          sensor_id  text   NOT NULL PRIMARY KEY,
          kind       text   NOT NULL,
          version    bigint NOT NULL,
          hash       text   NOT NULL,
          updated_ms bigint NOT NULL
        );
        """,
    ];

    public static async Task EnsureAsync(NpgsqlConnection connection, string location, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancellationToken);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The {location} has schema version {version}, newer than the {CurrentVersion} this collector understands. Run a newer collector, or point Collector:Storage:ConnectionString at another database.");
        }

        if (version == CurrentVersion)
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        for (var step = version + 1; step <= CurrentVersion; step++)
        {
            await ExecuteAsync(connection, transaction, Steps[step], cancellationToken);
        }

        await ExecuteAsync(connection, transaction, version == 0
            ? $"INSERT INTO schema_info (version, created_ms) VALUES ({CurrentVersion}, {now.ToUnixTimeMilliseconds()})"
            : $"UPDATE schema_info SET version = {CurrentVersion}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The stored version; 0 for a database without Ingest's tables.</summary>
    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('schema_info') IS NOT NULL", connection, transaction);
        if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_info WHERE version > 0";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
