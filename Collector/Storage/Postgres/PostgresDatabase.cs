using Ingest.Collector.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingest.Collector.Storage.Postgres;

/// <summary>
/// The PostgreSQL database that several collectors share (<c>Collector:Storage:ConnectionString</c>): one pooled
/// data source for the chunk store, the config store and the change listener of this collector, and the schema,
/// ensured once per process.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private bool _schemaEnsured;

    public PostgresDatabase(IOptions<StorageOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        ConnectionString = builder.ConnectionString;
        Location = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
        DataSource = NpgsqlDataSource.Create(builder);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The connection string, for a connection of its own (the change listener's).</summary>
    public string ConnectionString { get; }

    /// <summary>The database and server, for the log (never the password).</summary>
    public string Location { get; }

    /// <summary>Creates or upgrades the schema, once per process; several collectors starting at once take turns.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaEnsured)
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
                await PostgresSchema.EnsureAsync(connection, Location, _timeProvider.GetUtcNow(), cancellationToken);
                _schemaEnsured = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        _schemaGate.Dispose();
    }
}
