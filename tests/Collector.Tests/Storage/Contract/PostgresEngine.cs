using Ingest.Collector.Model;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Storage.Contract;

/// <summary>
/// The shared engine: a database of the test's own on the real PostgreSQL server of the collection. Every store made
/// here is a collector of its own (its own connection pool and instance id), as several collectors sharing the database.
/// </summary>
public sealed class PostgresEngine : StorageEngineUnderTest
{
    private readonly PostgresServer _server;
    private readonly FakeTimeProvider _time;
    private readonly List<PostgresDatabase> _databases = [];

    private PostgresEngine(PostgresServer server, FakeTimeProvider time, string database, string connectionString) =>
        (_server, _time, Database, ConnectionString) = (server, time, database, connectionString);

    public string Database { get; }

    public string ConnectionString { get; }

    internal override int CurrentSchemaVersion => PostgresSchema.CurrentVersion;

    public static async Task<PostgresEngine> CreateAsync(PostgresServer server, FakeTimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(server);
        var database = "contract_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await server.CreateDatabaseAsync(database);
        return new PostgresEngine(server, time, database, connectionString);
    }

    /// <summary>The database as one collector sees it: a pool of its own.</summary>
    internal PostgresDatabase Collector()
    {
        var database = new PostgresDatabase(Options.Create(new StorageOptions { Engine = StorageEngine.Postgres, ConnectionString = ConnectionString }), _time);
        _databases.Add(database);
        return database;
    }

    internal override IChunkStore CreateChunkStore() => new PostgresChunkStore(Collector(), _time);

    internal override IConfigStore CreateConfigStore() =>
        new PostgresConfigStore(Collector(), new CollectorIdentity(), _time, NullLogger<PostgresConfigStore>.Instance);

    internal override Task MarkSchemaVersionAsync(int version) =>
        _server.PsqlAsync($"UPDATE schema_info SET version = {version}", Database);

    internal override Task<string> ScalarAsync(string sql) => _server.PsqlAsync(sql, Database);

    public override async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
