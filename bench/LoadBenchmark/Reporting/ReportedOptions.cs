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
            settings.Rounds);
    }
}
