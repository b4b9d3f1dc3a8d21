using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.CommandLine;

/// <summary>What one invocation of the benchmark runs, as parsed from its command line.</summary>
internal sealed record BenchmarkSettings
{
    /// <summary>Load before the measured interval of a run, not counted.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <summary>Concurrent sensors of a throughput run. Default: 20.</summary>
    public int Sensors { get; init; } = 20;

    /// <summary>The measured interval of a throughput run, after <see cref="WarmUp"/>. Default: 10 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Readings per batch, one full and one ceiling run each. Default: 10, 100, 1000.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [10, 100, 1000];

    /// <summary>
    /// How many times each ceiling and full run is made per batch size, interleaved, each going first in turn (ceiling, full, full, ceiling, …),
    /// each on a fresh collector; the report judges the median round. The naive and half-load runs are made once. Default: 3.
    /// </summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Batches per Upload (or Discard) stream before it is completed and acknowledged. Default: 50.</summary>
    public int WindowBatches { get; init; } = 50;

    /// <summary>
    /// Batches per Upload stream of the half-load run: few, so that a batch's wait for its stream's ack (its
    /// latency) says what a sensor sees. Default: 5.
    /// </summary>
    public int HalfLoadWindowBatches { get; init; } = 5;

    /// <summary>The patterns to run. Default: all three.</summary>
    public IReadOnlyList<LoadPattern> Patterns { get; init; } = [LoadPattern.Naive, LoadPattern.Ceiling, LoadPattern.Full];

    /// <summary>
    /// The storage engines of the full runs. SQLite: every batch size; PostgreSQL: the 1,000-reading batches only, once per
    /// entry of <see cref="PostgresCollectors"/>, on a PostgreSQL cluster the benchmark starts. Default: SQLite only.
    /// </summary>
    public IReadOnlyList<StorageEngine> Engines { get; init; } = [StorageEngine.Sqlite];

    /// <summary>How many collectors share the one PostgreSQL database, a row each. Default: 1 and 2.</summary>
    public IReadOnlyList<int> PostgresCollectors { get; init; } = [1, 2];

    /// <summary>The batch size of the PostgreSQL rows: 1,000 readings.</summary>
    public const int PostgresBatchSize = 1000;

    /// <summary>After the full runs, one at half the peak rate (see <see cref="Runs.HalfLoadPlan"/>), for ack latency. Default: on.</summary>
    public bool HalfLoad { get; init; } = true;

    /// <summary>Run only the scale run. Default: off.</summary>
    public bool Scale { get; init; }

    /// <summary>Connected sensors of the scale run. Default: 10,000.</summary>
    public int ScaleSensors { get; init; } = 10_000;

    /// <summary>The measured interval of the scale run, once every sensor is connected and 10 s passed. Default: 60 s.</summary>
    public TimeSpan ScaleDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The fleet sizes to run, every sensor on its own connection (<c>--fleet</c>); empty: no fleet run. Default: empty.</summary>
    public IReadOnlyList<int> Fleet { get; init; } = [];

    /// <summary>The measured window of each fleet size. Default: 60 s.</summary>
    public TimeSpan FleetDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The fleet's collector serves TLS with an ECDSA P-256 certificate made for the run. Default: off.</summary>
    public bool FleetTls { get; init; }

    /// <summary>New connections a second over the whole fleet while it connects. Default: 1,000.</summary>
    public int FleetConnectPerSecond { get; init; } = 1000;

    /// <summary>Sensors per generator process at most (each holds a socket, an open file, per sensor). Default: 5,000.</summary>
    public int FleetSensorsPerWorker { get; init; } = 5000;

    /// <summary>
    /// After each fleet size's measured window, with the sensors still running, the collector is restarted as <c>systemctl restart</c>
    /// does (SIGTERM, wait for exit, start again on the same port and storage) and the reconnect storm is measured. Default: off.
    /// </summary>
    public bool FleetRestart { get; init; }

    /// <summary>Extra arguments for the fleet's collector (e.g. <c>--Collector:Connections:MaxConnections=20000</c>). Default: none.</summary>
    public IReadOnlyList<string> CollectorArguments { get; init; } = [];

    /// <summary>Extra environment variables for the fleet's collector (e.g. <c>DOTNET_GCgen0size</c>). Default: none.</summary>
    public IReadOnlyDictionary<string, string> CollectorEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Where results.md, results.json, throughput.png and logs/ go. Default: bench-results.</summary>
    public string OutputDirectory { get; init; } = "bench-results";

    /// <summary>
    /// Where each run's collector gets its fresh storage (a directory per run, deleted after it). Default: empty,
    /// meaning <c>storage/</c> under <see cref="OutputDirectory"/>: on the disk the results go to, not in /tmp,
    /// which may be tmpfs, where a durable commit costs nothing.
    /// </summary>
    public string StorageDirectory { get; init; } = "";

    /// <summary>The directory the collectors' storage goes under: <see cref="StorageDirectory"/> or its default.</summary>
    public string StorageRoot => StorageDirectory.Length > 0 ? StorageDirectory : Path.Combine(OutputDirectory, "storage");

    /// <summary>The collector program to start. Default: Collector/bin/Release/net10.0/Ingest.Collector.dll under the repository.</summary>
    public string CollectorDll { get; init; } = "";
}
