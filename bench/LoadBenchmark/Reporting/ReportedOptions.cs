using Ingest.LoadBenchmark.CommandLine;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// The options a report's figures were measured with, as they appear in results.json; <see cref="Rounds"/> is how many
/// times each ceiling and full run was made.
/// </summary>
internal sealed record ReportedOptions(
    int Sensors,
    double Seconds,
    double WarmUpSeconds,
    IReadOnlyList<int> BatchSizes,
    int WindowBatches,
    IReadOnlyList<string> Patterns,
    bool HalfLoad,
    int ScaleSensors,
    double ScaleSeconds,
    string CollectorDll,
    int HalfLoadWindowBatches = 0,
    string StorageDirectory = "",
    int Rounds = 1)
{
    /// <summary>The storage engines of the full runs, e.g. <c>sqlite</c>, <c>postgres</c>.</summary>
    public IReadOnlyList<string> Engines { get; init; } = ["sqlite"];

    /// <summary>The collector counts of the PostgreSQL rows; empty without them.</summary>
    public IReadOnlyList<int> PostgresCollectors { get; init; } = [];

    public static ReportedOptions From(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ReportedOptions(
            settings.Sensors,
            settings.Duration.TotalSeconds,
            BenchmarkSettings.WarmUp.TotalSeconds,
            settings.BatchSizes,
            settings.WindowBatches,
            [.. settings.Patterns.Select(p => p.ToString().ToLowerInvariant())],
            settings.HalfLoad,
            settings.ScaleSensors,
            settings.ScaleDuration.TotalSeconds,
            settings.CollectorDll,
            settings.HalfLoadWindowBatches,
            Path.GetFullPath(settings.StorageRoot),
            settings.Rounds)
        {
            Engines = [.. settings.Engines.Select(e => e.ToString().ToLowerInvariant())],
            PostgresCollectors = settings.Engines.Contains(Load.StorageEngine.Postgres) ? settings.PostgresCollectors : [],
        };
    }
}
