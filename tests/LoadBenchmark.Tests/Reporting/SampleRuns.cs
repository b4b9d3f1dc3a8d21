using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Tests.Reporting;

/// <summary>Run results for report tests: only the figures the report reads.</summary>
internal static class SampleRuns
{
    public static RunResult Naive(double readingsPerSecond) => Make(LoadPattern.Naive, null, readingsPerSecond);

    public static RunResult Ceiling(int batchSize, double readingsPerSecond) => Make(LoadPattern.Ceiling, batchSize, readingsPerSecond) with { Storage = null };

    public static RunResult Full(int batchSize, double readingsPerSecond, double p99Ms = 20) => Make(LoadPattern.Full, batchSize, readingsPerSecond, p99Ms);

    public static RunResult HalfLoad(int batchSize, double readingsPerSecond, double p99Ms) =>
        Make(LoadPattern.Full, batchSize, readingsPerSecond, p99Ms) with { Name = $"half-load-{batchSize}", RateLimitReadingsPerSecond = readingsPerSecond };

    private static RunResult Make(LoadPattern pattern, int? batchSize, double readingsPerSecond, double p99Ms = 20) => new()
    {
        Name = batchSize is null ? "naive" : $"{pattern.ToString().ToLowerInvariant()}-{batchSize}",
        Pattern = pattern,
        BatchSize = batchSize,
        Sensors = 20,
        Seconds = 10,
        ReadingsPerSecond = readingsPerSecond,
        ReadingsAcked = (long)(readingsPerSecond * 10),
        Latency = new LatencySummary(100, p99Ms / 4, p99Ms / 2, p99Ms, p99Ms),
        Storage = new StorageVerdict(1, 1, 1, 1, 1, true, "ok"),
    };
}
