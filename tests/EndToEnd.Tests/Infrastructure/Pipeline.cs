namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>Starts the real programs on loopback for one test, each with its own port, database and ledger.</summary>
internal sealed class Pipeline(TempDirectory directory)
{
    public int Port { get; } = FreePort.Next();

    public string DatabasePath => directory.File("ingest.db");

    public string LedgerPath => directory.File("ledger.json");

    public StoredReadings Stored => new(DatabasePath);

    public string CollectorUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the collector and waits until it listens; <paramref name="extra"/> are more settings, e.g. <c>--Collector:ShutdownTimeout=00:00:05</c>.</summary>
    public async Task<ManagedProcess> StartCollectorAsync(string name = "collector", params string[] extra)
    {
        var collector = ManagedProcess.StartDotnet(name, RepoPaths.CollectorDll,
        [
            $"--Collector:Port={Port}",
            $"--Collector:Storage:Path={DatabasePath}",
            "--Collector:StatusInterval=00:00:02",
            .. extra,
        ], directory.Path);
        await collector.WaitForLineAsync(line => line.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return collector;
    }

    /// <summary>Starts the dashboard against this pipeline's collector, e.g. with <c>--once</c> or <c>--json</c>.</summary>
    public ManagedProcess StartDashboard(string name, params string[] arguments) =>
        ManagedProcess.StartDotnet(name, RepoPaths.DashboardDll, [.. arguments, "--collector", CollectorUrl], directory.Path);

    public ManagedProcess StartSimulator(int sensors, TimeSpan duration, params string[] extra) =>
        StartSimulator("simulator", sensors, duration, extra);

    /// <summary>Starts a simulator process named <paramref name="name"/>; every one of a pipeline writes the same ledger file.</summary>
    public ManagedProcess StartSimulator(string name, int sensors, TimeSpan duration, params string[] extra) =>
        ManagedProcess.StartDotnet(name, RepoPaths.SimulatorDll,
        [
            $"--Simulator:CollectorAddress={CollectorUrl}",
            $"--Simulator:Sensors={sensors}",
            $"--Simulator:Duration={duration:c}",
            $"--Simulator:LedgerPath={LedgerPath}",
            .. extra,
        ], directory.Path);
}
