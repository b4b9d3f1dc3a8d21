namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>Starts the real programs on loopback for one test, each with its own port, database and ledger.</summary>
internal sealed class Pipeline(TempDirectory directory)
{
    public int Port { get; } = FreePort.Next();

    public string DatabasePath => directory.File("ingest.db");

    public string LedgerPath => directory.File("ledger.json");

    /// <summary>When set, what <see cref="Stored"/> reads per sensor counts only the sensors whose id starts with it (the simulator's, beside an attacker's).</summary>
    public string? SensorPrefix { get; init; }

    public StoredReadings Stored => new(DatabasePath) { SensorPrefix = SensorPrefix };

    public string CollectorUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the collector and waits until it listens; <paramref name="extra"/> are more settings, e.g. <c>--Collector:ShutdownTimeout=00:00:05</c>.</summary>
    public Task<ManagedProcess> StartCollectorAsync(string name = "collector", params string[] extra) =>
        StartCollectorAsync(name, new Dictionary<string, string>(), extra);

    /// <summary>
    /// Starts the collector with more environment variables, e.g. <c>INGEST_SETTINGS</c> naming a settings file the
    /// test edits while it runs, and waits until it listens.
    /// </summary>
    public async Task<ManagedProcess> StartCollectorAsync(string name, IDictionary<string, string> environment, params string[] extra)
    {
        var collector = ManagedProcess.StartDotnet(name, RepoPaths.CollectorDll,
        [
            $"--Collector:Port={Port}",
            $"--Collector:Storage:Path={DatabasePath}",
            "--Collector:StatusInterval=00:00:02",
            .. extra,
        ], directory.Path, environment);
        try
        {
            await collector.WaitForLineAsync(line => line.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        }
        catch
        {
            // A collector that did not start must not outlive the test that gets the exception instead of it.
            await collector.DisposeAsync();
            throw;
        }

        return collector;
    }

    /// <summary>
    /// Waits until each of <paramref name="sensors"/> sensors has stored at least <paramref name="more"/> readings more
    /// than it had when called: the whole fleet got data through, not a few sensors.
    /// </summary>
    public Task EverySensorStoresMoreAsync(int sensors, long more, string what, TimeSpan timeout)
    {
        var before = Stored.ReadingsBySensor();
        return Eventually.UntilAsync(
            () => Stored.EverySensorStoredMore(before, sensors, more), what, timeout, poll: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Starts the dashboard against this pipeline's collector, e.g. with <c>--once</c> or <c>--json</c>.</summary>
    public ManagedProcess StartDashboard(string name, params string[] arguments) =>
        StartDashboard(name, CollectorUrl, new Dictionary<string, string>(), arguments);

    /// <summary>
    /// Starts the dashboard against <paramref name="collectorUrl"/> with more environment variables: the dashboard
    /// takes its settings (e.g. <c>Dashboard__Tls__CaPath</c>) from the environment, not from its command line.
    /// </summary>
    public ManagedProcess StartDashboard(string name, string collectorUrl, IDictionary<string, string> environment, params string[] arguments) =>
        ManagedProcess.StartDotnet(name, RepoPaths.DashboardDll, [.. arguments, "--collector", collectorUrl], directory.Path, environment);

    public ManagedProcess StartSimulator(int sensors, TimeSpan duration, params string[] extra) =>
        StartSimulator("simulator", sensors, duration, extra);

    /// <summary>Starts a simulator process named <paramref name="name"/>; every one of a pipeline writes the same ledger file.</summary>
    public ManagedProcess StartSimulator(string name, int sensors, TimeSpan duration, params string[] extra) =>
        StartSimulatorProcess(name, sensors, duration, extra);

    /// <summary>
    /// Starts a simulator that samples until it is stopped with SIGTERM (<see cref="ManagedProcess.StopAsync"/>), which
    /// makes it flush, write its ledger and exit 0: a test that injects faults stops it once it has seen recovery,
    /// however long a loaded machine took to get there.
    /// </summary>
    public ManagedProcess StartSimulatorUntilStopped(int sensors, params string[] extra) =>
        StartSimulatorProcess("simulator", sensors, duration: null, extra);

    /// <summary>Starts a simulator named <paramref name="name"/> that samples until it is stopped (see the overload without a name).</summary>
    public ManagedProcess StartSimulatorUntilStopped(string name, int sensors, params string[] extra) =>
        StartSimulatorProcess(name, sensors, duration: null, extra);

    private ManagedProcess StartSimulatorProcess(string name, int sensors, TimeSpan? duration, string[] extra) =>
        ManagedProcess.StartDotnet(name, RepoPaths.SimulatorDll,
        [
            $"--Simulator:CollectorAddress={CollectorUrl}",
            $"--Simulator:Sensors={sensors}",
            .. (duration is { } runFor ? new[] { $"--Simulator:Duration={runFor:c}" } : Array.Empty<string>()),
            $"--Simulator:LedgerPath={LedgerPath}",
            .. extra,
        ], directory.Path);
}
