using Ingest.LocalPostgres;
using Xunit;

namespace Ingest.Testing;

/// <summary>
/// A real PostgreSQL server for tests: a <see cref="PostgresCluster"/> in a temporary directory of its own, listening on
/// a free 127.0.0.1 port with fsync on. <see cref="StartAsync"/> creates it (initdb) and starts it, and starts it again
/// after <see cref="StopAsync"/> or <see cref="KillAsync"/>, on the same directory and port; disposing stops it and
/// deletes the directory. As a collection fixture (<c>ICollectionFixture&lt;PostgresServer&gt;</c>) xunit starts it before
/// the collection's first test and disposes it after the last; give each test a database of its own
/// (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable, IAsyncLifetime
{
    /// <inheritdoc cref="PostgresCluster.DefaultDatabase"/>
    public const string DefaultDatabase = PostgresCluster.DefaultDatabase;

    /// <inheritdoc cref="PostgresCluster.User"/>
    public const string User = PostgresCluster.User;

    private readonly TempDirectory _directory = new("postgres");
    private readonly PostgresCluster _cluster;
    private bool _disposed;

    public PostgresServer() => _cluster = new PostgresCluster(_directory.Path);

    /// <inheritdoc cref="PostgresCluster.Port"/>
    public int Port => _cluster.Port;

    /// <inheritdoc cref="PostgresCluster.IsRunning"/>
    public bool IsRunning => _cluster.IsRunning;

    /// <summary>The temporary directory that holds everything: the data directory, the server's socket and log.</summary>
    public string DirectoryPath => _cluster.DirectoryPath;

    /// <summary>The server's log, for a failing test to show.</summary>
    public string LogPath => _cluster.LogPath;

    /// <inheritdoc cref="PostgresCluster.ConnectionString"/>
    public string ConnectionString => _cluster.ConnectionString;

    /// <inheritdoc cref="PostgresCluster.LastStartDuration"/>
    public TimeSpan LastStartDuration => _cluster.LastStartDuration;

    /// <inheritdoc cref="PostgresCluster.ConnectionStringFor"/>
    public string ConnectionStringFor(string database) => _cluster.ConnectionStringFor(database);

    /// <inheritdoc cref="PostgresCluster.StartAsync"/>
    public Task StartAsync(CancellationToken cancellationToken = default) => _cluster.StartAsync(cancellationToken);

    /// <inheritdoc cref="PostgresCluster.StopAsync"/>
    public Task StopAsync(CancellationToken cancellationToken = default) => _cluster.StopAsync(cancellationToken);

    /// <inheritdoc cref="PostgresCluster.KillAsync"/>
    public Task KillAsync(CancellationToken cancellationToken = default) => _cluster.KillAsync(cancellationToken);

    /// <inheritdoc cref="PostgresCluster.CreateDatabaseAsync"/>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) => _cluster.CreateDatabaseAsync(name, cancellationToken);

    /// <inheritdoc cref="PostgresCluster.PsqlAsync"/>
    public Task<string> PsqlAsync(string sql, string database = DefaultDatabase, CancellationToken cancellationToken = default) =>
        _cluster.PsqlAsync(sql, database, cancellationToken);

    /// <summary>Stops the server if it runs (fast, else immediately) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _cluster.DisposeAsync();
        }
        finally
        {
            _directory.Dispose();
        }
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
