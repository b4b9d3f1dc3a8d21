using Ingest.Collector.SensorConfig;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Storage.Sqlite;

/// <summary>
/// The config tables (<c>config_overrides</c>, <c>sensor_configs</c>) in the collector's SQLite file, on a
/// connection of their own (WAL, synchronous FULL, busy timeout) beside the chunk store's. Writes are rare
/// (admin calls, settings reloads, groups of new sensors), one at a time.
/// </summary>
internal sealed class SqliteConfigStore(IOptions<StorageOptions> options, TimeProvider timeProvider) : IConfigStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    public string DatabasePath { get; } = Path.GetFullPath(options.Value.Path);

    public async Task<ConfigStoreContents> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
                var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = DatabasePath,
                    Mode = SqliteOpenMode.ReadWriteCreate,
                    Pooling = false,
                }.ToString());
                try
                {
                    await connection.OpenAsync(cancellationToken);
                    await SqliteSchema.EnsureAsync(connection, timeProvider.GetUtcNow(), cancellationToken);
                }
                catch
                {
                    await connection.DisposeAsync();
                    throw;
                }

                _connection = connection;
            }

            return new ConfigStoreContents(await ReadOverridesAsync(_connection, cancellationToken), await ReadSensorsAsync(_connection, cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveOverrideAsync(
        OverrideScope scope, IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sensors);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? throw new InvalidOperationException("The config store is not open.");
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            using var transaction = connection.BeginTransaction(deferred: false);
            await ExecuteAsync(connection, transaction, "DELETE FROM config_overrides WHERE scope = $1 AND target = $2", cancellationToken, scope.StoredName, scope.Target);
            foreach (var (setting, value) in settings)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO config_overrides (scope, target, setting, value, updated_ms) VALUES ($1, $2, $3, $4, $5)",
                    cancellationToken, scope.StoredName, scope.Target, setting, value, now);
            }

            await UpsertSensorsAsync(connection, transaction, sensors, now, cancellationToken);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveSensorsAsync(IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? throw new InvalidOperationException("The config store is not open.");
            using var transaction = connection.BeginTransaction(deferred: false);
            await UpsertSensorsAsync(connection, transaction, sensors, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One collector per SQLite file: nobody else changes it.</summary>
    public Task WatchAsync(Func<CancellationToken, Task> changed, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task UpsertSensorsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<SensorConfigRecord> sensors, long now, CancellationToken cancellationToken)
    {
        if (sensors.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO sensor_configs (sensor_id, kind, version, hash, updated_ms) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (sensor_id) DO UPDATE SET
              kind = excluded.kind, version = excluded.version, hash = excluded.hash, updated_ms = excluded.updated_ms
            """;
        var parameters = Enumerable.Range(1, 5).Select(i => command.Parameters.Add(new SqliteParameter("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null))).ToArray();
        command.Prepare();
        foreach (var sensor in sensors)
        {
            (parameters[0].Value, parameters[1].Value, parameters[2].Value, parameters[3].Value, parameters[4].Value) =
                (sensor.SensorId, sensor.Kind, sensor.Version, sensor.Hash, now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<SettingsOverride>> ReadOverridesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT scope, target, setting, value, updated_ms FROM config_overrides ORDER BY scope, target, setting";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new StoredOverrides();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
        }

        return rows.ToList();
    }

    private static async Task<List<SensorConfigRecord>> ReadSensorsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sensor_id, kind, version, hash FROM sensor_configs";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sensors = new List<SensorConfigRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sensors.Add(new SensorConfigRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return sensors;
    }
}
