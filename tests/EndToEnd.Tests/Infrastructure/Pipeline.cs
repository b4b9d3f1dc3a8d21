namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>Starts the real programs on loopback for one test, each with its own port, database and ledger.</summary>
internal sealed class Pipeline(TempDirectory directory)
{
    public int Port { get; } = FreePort.Next();

    public string DatabasePath => directory.File("ingest.db");

    public string LedgerPath => directory.File("ledger.json");

    public StoredReadings Stored => new(DatabasePath);

    public async Task<ManagedProcess> StartCollectorAsync(string name = "collector")
    {
        var collector = ManagedProcess.StartDotnet(name, RepoPaths.CollectorDll,
        [
            $"--Collector:Port={Port}",
            $"--Collector:Storage:Path={DatabasePath}",
            "--Collector:StatusInterval=00:00:02",
        ], directory.Path);
        await collector.WaitForLineAsync(line => line.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return collector;
    }

    public string CollectorUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the dashboard against this pipeline's collector, e.g. with <c>--once</c> or <c>--json</c>.</summary>
    public ManagedProcess StartDashboard(string name, params string[] arguments) =>
        ManagedProcess.StartDotnet(name, RepoPaths.DashboardDll, [.. arguments, "--collector", CollectorUrl], directory.Path);

    public ManagedProcess StartSimulator(int sensors, TimeSpan duration, params string[] extra) =>
        ManagedProcess.StartDotnet("simulator", RepoPaths.SimulatorDll,
        [
            $"--Simulator:CollectorAddress=http://127.0.0.1:{Port}",
            $"--Simulator:Sensors={sensors}",
            $"--Simulator:Duration={duration:c}",
            $"--Simulator:LedgerPath={LedgerPath}",
            .. extra,
        ], directory.Path);
}
