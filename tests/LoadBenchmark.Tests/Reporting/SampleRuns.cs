using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Scale;
using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Tests.Reporting;

/// <summary>Run results for report tests: only the figures the report reads, from clean runs unless changed.</summary>
internal static class SampleRuns
{
    public static readonly StorageVerdict StorageOk = StorageVerdict.Compare([new StoredSensor("s", 1, 1, 1, 1, 1, 1)], [new SensorAcks("s", 1, 1)], 1);

    public static readonly StorageVerdict StorageMismatch = StorageVerdict.Compare([new StoredSensor("s", 1, 9, 9, 9, 90, 90)], [new SensorAcks("s", 10, 100)], 10);

    /// <summary>A scale run that meets its target.</summary>
    public static readonly ScaleResult GoodScale = new()
    {
        Sensors = 10_000,
        ConnectedAtStart = 10_000,
        ConnectedAtEnd = 10_000,
        Seconds = 60,
        ReadingsAcked = 600_000,
        ReadingsPerSecond = 10_000,
        Process = new ProcessFigures { CollectorPeakRssBytes = 600L << 20 },
    };

    public static RunResult Naive(double readingsPerSecond) => Make(LoadPattern.Naive, null, readingsPerSecond);

    public static RunResult Ceiling(int batchSize, double readingsPerSecond) => Make(LoadPattern.Ceiling, batchSize, readingsPerSecond) with { Storage = null };

    public static RunResult Full(int batchSize, double readingsPerSecond, double p99Ms = 20) => Make(LoadPattern.Full, batchSize, readingsPerSecond, p99Ms);

    /// <summary>A half-load run that reached its limit of <paramref name="readingsPerSecond"/>.</summary>
    public static RunResult HalfLoad(int batchSize, double readingsPerSecond, double p99Ms) =>
        Make(LoadPattern.Full, batchSize, readingsPerSecond, p99Ms) with
        {
            Name = $"half-load-{batchSize}",
            RateLimitReadingsPerSecond = readingsPerSecond,
            RateLimitBasis = "half of full-1000's readings/s",
            WindowBatches = 5,
        };

    /// <summary>
    /// <paramref name="run"/> made in rounds, one per rate in <paramref name="readingsPerSecond"/>, in run order: named
    /// e.g. <c>full-1000-r2</c>, each with its own latency (p99 = its round × 10 ms) so that a figure tells which round it came from.
    /// </summary>
    public static RunResult[] InRounds(RunResult run, params double[] readingsPerSecond) =>
        [.. readingsPerSecond.Select((rate, index) => run with
        {
            Name = $"{run.Name}-r{index + 1}",
            Round = index + 1,
            ReadingsPerSecond = rate,
            ReadingsAcked = (long)(rate * 10),
            Latency = new LatencySummary(100, 1, 2, (index + 1) * 10, (index + 1) * 10),
        })];

    /// <summary><paramref name="run"/> made on PostgreSQL by <paramref name="collectors"/> collectors, named as such, with the server's CPU.</summary>
    public static RunResult OnPostgres(RunResult run, int collectors) => run with
    {
        Name = $"{run.Name}-pg{collectors}",
        Engine = StorageEngine.Postgres,
        Collectors = collectors,
        Process = run.Process with { DatabaseServerCpuSeconds = 4, DatabaseServerCpuPercentOfCore = 40 },
    };

    /// <summary><paramref name="run"/> with RPC errors.</summary>
    public static RunResult WithErrors(RunResult run, string status = "Unavailable", long count = 2) =>
        run with { Errors = new Dictionary<string, long> { [status] = count } };

    private static RunResult Make(LoadPattern pattern, int? batchSize, double readingsPerSecond, double p99Ms = 20) => new()
    {
        Name = batchSize is null ? "naive" : $"{pattern.ToString().ToLowerInvariant()}-{batchSize}",
        Pattern = pattern,
        BatchSize = batchSize,
        WindowBatches = batchSize is null ? null : 50,
        Sensors = 20,
        Seconds = 10,
        ReadingsPerSecond = readingsPerSecond,
        ReadingsAcked = (long)(readingsPerSecond * 10),
        Latency = new LatencySummary(100, p99Ms / 4, p99Ms / 2, p99Ms, p99Ms),
        Storage = StorageOk,
    };
}
