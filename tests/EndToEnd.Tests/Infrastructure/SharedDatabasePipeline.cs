using System.Globalization;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Several real collectors on loopback sharing one PostgreSQL database of the test's own, and simulators given every
/// collector's address: the setup of a fleet that outgrew one machine.
/// </summary>
internal sealed class SharedDatabasePipeline
{
    private readonly TempDirectory _directory;
    private readonly int[] _ports;

    private SharedDatabasePipeline(TempDirectory directory, string connectionString, int collectors)
    {
        (_directory, ConnectionString) = (directory, connectionString);
        _ports = [.. Enumerable.Range(0, collectors).Select(_ => FreePort.Next())];
    }

    public string ConnectionString { get; }

    public string LedgerPath => _directory.File("ledger.json");

    public StoredReadings Stored => StoredReadings.Postgres(ConnectionString);

    public int Collectors => _ports.Length;

    public string CollectorUrl(int collector) => $"http://127.0.0.1:{_ports[collector]}";

    /// <summary>A fresh database on <paramref name="server"/> for <paramref name="collectors"/> collectors.</summary>
    public static async Task<SharedDatabasePipeline> CreateAsync(PostgresServer server, TempDirectory directory, int collectors)
    {
        ArgumentNullException.ThrowIfNull(server);
        var database = "e2e_" + Guid.NewGuid().ToString("N")[..12];
        return new SharedDatabasePipeline(directory, await server.CreateDatabaseAsync(database), collectors);
    }

    /// <summary>Starts collector <paramref name="collector"/> (0-based) on its port, and waits until it listens.</summary>
    public async Task<ManagedProcess> StartCollectorAsync(int collector, string name)
    {
        var process = ManagedProcess.StartDotnet(name, RepoPaths.CollectorDll,
        [
            $"--Collector:Port={_ports[collector]}",
            "--Collector:Storage:Engine=Postgres",
            $"--Collector:Storage:ConnectionString={ConnectionString}",
            "--Collector:StatusInterval=00:00:02",
        ], _directory.Path);
        try
        {
            await process.WaitForLineAsync(line => line.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return process;
    }

    /// <summary>
    /// Starts a simulator of <paramref name="sensors"/> sensors given every collector's address, sampling until it is
    /// stopped with SIGTERM; every simulator of a pipeline writes the same ledger file.
    /// </summary>
    public ManagedProcess StartSimulatorUntilStopped(string name, int sensors, params string[] extra) =>
        ManagedProcess.StartDotnet(name, RepoPaths.SimulatorDll,
        [
            .. _ports.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"--Simulator:CollectorAddresses:{i}={CollectorUrl(i)}")),
            $"--Simulator:Sensors={sensors}",
            $"--Simulator:LedgerPath={LedgerPath}",
            .. extra,
        ], _directory.Path);

    /// <summary>
    /// Waits until each of <paramref name="sensors"/> sensors has stored at least <paramref name="more"/> readings more
    /// than it had when called; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> EverySensorStoresMoreAsync(int sensors, long more, string what, TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        var before = Stored.ReadingsBySensor();
        await Eventually.UntilAsync(() => Stored.EverySensorStoredMore(before, sensors, more), what, timeout, poll: TimeSpan.FromMilliseconds(100));
        return TimeProvider.System.GetElapsedTime(started);
    }
}
