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
    /// <summary>
    /// Sensors written in one transaction at most: the override's own transaction takes the first slice, and a change
    /// over more sensors writes the rest in transactions of their own. A crash between them leaves some sensors at their
    /// older version with the override already stored; the next start versions them again (their stored hash differs).
    /// </summary>
    internal const int SliceSize = 500;

    /// <summary>The least pause between two slices' transactions, room for the chunk writer to commit.</summary>
    internal static readonly TimeSpan MinPause = TimeSpan.FromMilliseconds(5);

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

            var slices = sensors.Chunk(SliceSize).ToList();
            await UpsertSensorsAsync(connection, transaction, slices.Count == 0 ? [] : slices[0], now, cancellationToken);
            transaction.Commit();
            await WriteSlicesAsync(connection, slices.Skip(1), now, cancellationToken);
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
            await WriteSlicesAsync(connection, sensors.Chunk(SliceSize), timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
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

    /// <summary>
    /// Writes <paramref name="slices"/> one transaction each, pausing after each as long as it held the write lock (at
    /// least <see cref="MinPause"/>), so that the chunk writer, which shares the file's one write lock, commits between
    /// them: a change over a whole fleet never stalls ingestion for its whole length.
    /// </summary>
    private async Task WriteSlicesAsync(SqliteConnection connection, IEnumerable<SensorConfigRecord[]> slices, long now, CancellationToken cancellationToken)
    {
        var paused = true;
        foreach (var slice in slices)
        {
            if (!paused)
            {
                await Task.Delay(MinPause, timeProvider, cancellationToken);
            }

            var started = timeProvider.GetTimestamp();
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                await UpsertSensorsAsync(connection, transaction, slice, now, cancellationToken);
                transaction.Commit();
            }

            // As long as the slice held the lock; the least pause comes before the next slice, not after the last.
            var held = timeProvider.GetElapsedTime(started);
            paused = held > MinPause;
            if (paused)
            {
                await Task.Delay(held, timeProvider, cancellationToken);
            }
        }
    }

    private static async Task UpsertSensorsAsync(
        SqliteConnection connection, SqliteTransaction transaction, SensorConfigRecord[] sensors, long now, CancellationToken cancellationToken)
    {
        if (sensors.Length == 0)
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
