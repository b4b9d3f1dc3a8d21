using System.Net.Sockets;
using Xunit.Abstractions;

namespace Ingest.Collector.Tests.Storage.Postgres;

/// <summary>The test PostgreSQL server itself: where it listens, how durable it is, and that it leaves nothing behind.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresServer shared, ITestOutputHelper output)
{
    [Fact]
    public async Task StartAsync_FreshServer_ListensOnLoopbackOnlyWithFsyncOn()
    {
        output.WriteLine($"shared server started in {shared.LastStartDuration.TotalSeconds:F2} s on port {shared.Port}");

        Assert.True(shared.IsRunning);
        Assert.Equal("on", await shared.PsqlAsync("SHOW fsync"));
        Assert.Equal("on", await shared.PsqlAsync("SHOW synchronous_commit"));
        Assert.Equal("127.0.0.1", await shared.PsqlAsync("SHOW listen_addresses"));
        Assert.Equal("127.0.0.1", await shared.PsqlAsync("SELECT host(inet_server_addr())"));
        Assert.Equal(shared.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), await shared.PsqlAsync("SHOW port"));
        Assert.Equal($"Host=127.0.0.1;Port={shared.Port};Database=ingest;Username=postgres", shared.ConnectionString);
    }

    [Fact]
    public async Task CreateDatabaseAsync_TwoDatabases_DoNotSeeEachOthersTables()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var first = $"first_{suffix}";
        var second = $"second_{suffix}";

        var firstConnection = await shared.CreateDatabaseAsync(first);
        var secondConnection = await shared.CreateDatabaseAsync(second);
        await shared.PsqlAsync("CREATE TABLE chunks (sequence bigint PRIMARY KEY); INSERT INTO chunks VALUES (1), (2)", first);

        Assert.Contains($"Database={first}", firstConnection, StringComparison.Ordinal);
        Assert.Contains($"Database={second}", secondConnection, StringComparison.Ordinal);
        Assert.Equal("2", await shared.PsqlAsync("SELECT count(*) FROM chunks", first));
        Assert.Equal("t", await shared.PsqlAsync("SELECT to_regclass('chunks') IS NULL", second));
    }

    [Fact]
    public async Task KillAsync_ThenStartAsync_KeepsCommittedRowsOnTheSamePort()
    {
        await using var server = new PostgresServer();
        await server.StartAsync();
        output.WriteLine($"own server started in {server.LastStartDuration.TotalSeconds:F2} s (initdb included)");
        var port = server.Port;
        await server.PsqlAsync("CREATE TABLE chunks (sequence bigint PRIMARY KEY); INSERT INTO chunks SELECT generate_series(1, 1000)");

        await server.KillAsync();
        Assert.False(server.IsRunning);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.PsqlAsync("SELECT 1"));
        await server.StartAsync();
        output.WriteLine($"restarted after the kill in {server.LastStartDuration.TotalSeconds:F2} s");

        Assert.Equal(port, server.Port);
        Assert.Equal("1000", await server.PsqlAsync("SELECT count(*) FROM chunks"));
    }

    [Fact]
    public async Task DisposeAsync_RunningServer_StopsItAndDeletesItsDirectory()
    {
        var server = new PostgresServer();
        await server.StartAsync();
        var directory = server.DirectoryPath;
        Assert.True(Directory.Exists(Path.Combine(directory, "data")));

        await server.DisposeAsync();

        Assert.False(server.IsRunning);
        Assert.False(Directory.Exists(directory));
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", server.Port));
    }
}
