using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// The full pipeline's throughput at one batch size against the transport ceiling's and the naive pattern's.
/// A ratio is null where a run is missing, and also where a run it needs has a <see cref="RunResult.Problem"/>,
/// which its <c>…Problem</c> then names ("not measured" in the report).
/// </summary>
internal sealed record ThroughputRatio(int BatchSize, double? FullOverCeiling, double? FullOverNaive, string? FullOverCeilingProblem = null, string? FullOverNaiveProblem = null)
{
    /// <summary>One ratio per batch size of the full runs at full speed (not the half-load run).</summary>
    public static IReadOnlyList<ThroughputRatio> Of(IReadOnlyList<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var naive = runs.FirstOrDefault(r => r.Pattern == LoadPattern.Naive);
        return [.. FullRuns(runs).Select(full =>
        {
            var ceiling = runs.FirstOrDefault(r => r.Pattern == LoadPattern.Ceiling && r.BatchSize == full.BatchSize);
            var (overCeiling, ceilingProblem) = Divide(full, ceiling);
            var (overNaive, naiveProblem) = Divide(full, naive);
            return new ThroughputRatio(full.BatchSize!.Value, overCeiling, overNaive, ceilingProblem, naiveProblem);
        })];
    }

    /// <summary>The full runs at full speed, by batch size, whether or not they have a problem.</summary>
    public static IEnumerable<RunResult> FullRuns(IEnumerable<RunResult> runs) =>
        runs.Where(r => r.Pattern == LoadPattern.Full && r.RateLimitReadingsPerSecond is null && r.BatchSize is not null)
            .OrderBy(r => r.BatchSize);

    /// <summary>The problems of <paramref name="runs"/> (the missing ones left out), each after its run's name; null when none has one.</summary>
    public static string? ProblemOf(params RunResult?[] runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var problems = runs.Where(r => r?.Problem is not null).Select(r => $"{r!.Name}: {r.Problem}").ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static (double? Ratio, string? Problem) Divide(RunResult full, RunResult? other)
    {
        if (other is null)
        {
            return (null, null);
        }

        var problem = ProblemOf(full, other);
        return problem is not null
            ? (null, problem)
            : (other.ReadingsPerSecond > 0 ? full.ReadingsPerSecond / other.ReadingsPerSecond : null, null);
    }
}
