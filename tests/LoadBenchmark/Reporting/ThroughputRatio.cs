using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>The full pipeline's throughput at one batch size against the transport ceiling's and the naive pattern's; null where a run is missing.</summary>
internal sealed record ThroughputRatio(int BatchSize, double? FullOverCeiling, double? FullOverNaive)
{
    /// <summary>One ratio per batch size of the full runs (not the half-load run).</summary>
    public static IReadOnlyList<ThroughputRatio> Of(IReadOnlyList<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var naive = runs.FirstOrDefault(r => r.Pattern == LoadPattern.Naive && r.Failure is null);
        return [.. FullRuns(runs).Select(full =>
        {
            var ceiling = runs.FirstOrDefault(r => r.Pattern == LoadPattern.Ceiling && r.BatchSize == full.BatchSize && r.Failure is null);
            return new ThroughputRatio(full.BatchSize!.Value, Divide(full.ReadingsPerSecond, ceiling?.ReadingsPerSecond), Divide(full.ReadingsPerSecond, naive?.ReadingsPerSecond));
        })];
    }

    /// <summary>The full runs at full speed, by batch size.</summary>
    public static IEnumerable<RunResult> FullRuns(IEnumerable<RunResult> runs) =>
        runs.Where(r => r.Pattern == LoadPattern.Full && r.RateLimitReadingsPerSecond is null && r.BatchSize is not null && r.Failure is null)
            .OrderBy(r => r.BatchSize);

    private static double? Divide(double numerator, double? denominator) =>
        denominator is > 0 ? numerator / denominator.Value : null;
}
