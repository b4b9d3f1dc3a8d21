using Ingest.Collector.Diagnostics;
using Ingest.Collector.Model;
using Ingest.Collector.SensorConfig;
using Npgsql;

namespace Ingest.Collector.Storage.Postgres;

/// <summary>
/// The config tables (<c>config_overrides</c>, <c>sensor_configs</c>) in the database the collectors share. Every
/// change notifies the channel <see cref="Channel"/> in its own transaction (so the notice goes out when it commits),
/// carrying this collector's instance id; <see cref="WatchAsync"/> listens on that channel and reports the changes of
/// the other collectors, so that their sensors get a change made through any collector at once.
/// </summary>
internal sealed class PostgresConfigStore(
    PostgresDatabase database, CollectorIdentity identity, TimeProvider timeProvider, ILogger<PostgresConfigStore> logger) : IConfigStore
{
    /// <summary>The LISTEN/NOTIFY channel of configuration changes.</summary>
    public const string Channel = "ingest_config_changed";

    /// <summary>How long the watch waits before listening again after its connection was lost.</summary>
    internal static readonly TimeSpan RelistenDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long the watch waits for more notices after one arrived, to take in notices that came together at once.</summary>
    private const int DrainMilliseconds = 1;

    public async Task<ConfigStoreContents> LoadAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT scope, target, setting, value, updated_ms FROM config_overrides ORDER BY scope, target, setting"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT sensor_id, kind, version, hash FROM sensor_configs"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var overrides = new StoredOverrides();
        while (await reader.ReadAsync(cancellationToken))
        {
            overrides.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
        }

        await reader.NextResultAsync(cancellationToken);
        var sensors = new List<SensorConfigRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sensors.Add(new SensorConfigRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return new ConfigStoreContents(overrides.ToList(), sensors);
    }

    public async Task SaveOverrideAsync(
        OverrideScope scope, IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sensors);
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("DELETE FROM config_overrides WHERE scope = $1 AND target = $2", scope.StoredName, scope.Target));
        if (settings.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO config_overrides (scope, target, setting, value, updated_ms)
                SELECT $1, $2, o.setting, o.value, $5 FROM unnest($3::text[], $4::text[]) AS o(setting, value)
                """,
                scope.StoredName, scope.Target, settings.Keys.ToArray(), settings.Values.ToArray(), now));
        }

        AddSensorUpserts(batch, sensors, now);
        batch.BatchCommands.Add(Notify());
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SaveSensorsAsync(IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        if (sensors.Count == 0)
        {
            return;
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        AddSensorUpserts(batch, sensors, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        batch.BatchCommands.Add(Notify());
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task WatchAsync(Func<CancellationToken, Task> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        // A change committed between the caller's load and the first LISTEN would go unheard: the first listen reloads too.
        var missed = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(changed, missed, cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: whatever the connection threw on the way out ends the watch quietly.
                return;
            }
            catch (Exception ex)
            {
                // Any failure — a lost connection, a server restarting, a timeout — listens again and reloads.
                CollectorLog.ConfigListenerLost(logger, RelistenDelay.TotalSeconds, ex.Message);
                missed = true;
                try
                {
                    await Task.Delay(RelistenDelay, timeProvider, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Listens on one connection until it fails; reports a change first when some may have been missed.</summary>
    private async Task ListenAsync(Func<CancellationToken, Task> changed, bool missed, CancellationToken cancellationToken)
    {
        // A connection of its own, outside the pool: it stays in LISTEN for the collector's lifetime.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 10,
        }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var pending = 0;
        connection.Notification += (_, notice) =>
        {
            if (!string.Equals(notice.Payload, identity.InstanceId, StringComparison.Ordinal))
            {
                pending++;
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        if (missed)
        {
            await changed(cancellationToken);
        }

        while (true)
        {
            await connection.WaitAsync(cancellationToken);

            // Notices that arrived together are one reload. Not Wait(0): to Npgsql a timeout of 0 means no timeout, so that
            // blocked for ever (the thread too, deaf to cancellation) and the first notice never led to a reload.
            while (await connection.WaitAsync(DrainMilliseconds, cancellationToken))
            {
            }

            if (pending > 0)
            {
                pending = 0;
                await changed(cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private NpgsqlBatchCommand Notify() => Command("SELECT pg_notify($1, $2)", Channel, identity.InstanceId);

    private static void AddSensorUpserts(NpgsqlBatch batch, IReadOnlyCollection<SensorConfigRecord> sensors, long now)
    {
        if (sensors.Count == 0)
        {
            return;
        }

        // Sorted, so that two collectors writing the same sensors lock their rows in the same order.
        var sorted = sensors.OrderBy(s => s.SensorId, StringComparer.Ordinal).ToList();
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO sensor_configs (sensor_id, kind, version, hash, updated_ms)
            SELECT s.sensor_id, s.kind, s.version, s.hash, $5 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS s(sensor_id, kind, version, hash)
            ON CONFLICT (sensor_id) DO UPDATE SET
              kind = excluded.kind, version = excluded.version, hash = excluded.hash, updated_ms = excluded.updated_ms
            WHERE sensor_configs.version <= excluded.version
            """,
            sorted.Select(s => s.SensorId).ToArray(), sorted.Select(s => s.Kind).ToArray(), sorted.Select(s => s.Version).ToArray(),
            sorted.Select(s => s.Hash).ToArray(), now));
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
