using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// The full pipeline's throughput at one batch size against the transport ceiling's and the naive pattern's, each
/// from its median round (<see cref="RunRounds"/>). A ratio is null where a run is missing, and also where any round
/// of a run it needs has a <see cref="RunResult.Problem"/>, which its <c>…Problem</c> then names ("not measured" in
/// the report).
/// </summary>
internal sealed record ThroughputRatio(int BatchSize, double? FullOverCeiling, double? FullOverNaive, string? FullOverCeilingProblem = null, string? FullOverNaiveProblem = null)
{
    /// <summary>One ratio per batch size of the full runs at full speed (not the half-load run).</summary>
    public static IReadOnlyList<ThroughputRatio> Of(IReadOnlyList<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var groups = RunRounds.Of(runs);
        var naive = groups.FirstOrDefault(g => g.Pattern == LoadPattern.Naive);
        return [.. FullRounds(groups).Select(full =>
        {
            var ceiling = groups.FirstOrDefault(g => g.Pattern == LoadPattern.Ceiling && g.BatchSize == full.BatchSize);
            var (overCeiling, ceilingProblem) = Divide(full, ceiling);
            var (overNaive, naiveProblem) = Divide(full, naive);
            return new ThroughputRatio(full.BatchSize!.Value, overCeiling, overNaive, ceilingProblem, naiveProblem);
        })];
    }

    /// <summary>The full runs on SQLite at full speed by batch size, each with its rounds, whether or not they have a problem.</summary>
    public static IEnumerable<RunRounds> FullRounds(IEnumerable<RunResult> runs) => FullRounds(RunRounds.Of(runs));

    /// <summary>The problems of <paramref name="runs"/> (the missing ones left out), each after its run's name; null when none has one.</summary>
    public static string? ProblemOf(params RunResult?[] runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var problems = runs.Where(r => r?.Problem is not null).Select(r => $"{r!.Name}: {r.Problem}").ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static IEnumerable<RunRounds> FullRounds(IEnumerable<RunRounds> groups) =>
        groups.Where(g => g.Pattern == LoadPattern.Full && g.BatchSize is not null && g.Setup == StorageSetup.Sqlite).OrderBy(g => g.BatchSize);

    private static (double? Ratio, string? Problem) Divide(RunRounds full, RunRounds? other)
    {
        if (other is null)
        {
            return (null, null);
        }

        var problems = new[] { full.Problem, other.Problem }.OfType<string>().ToList();
        return problems.Count > 0
            ? (null, string.Join("; ", problems))
            : (other.Median.ReadingsPerSecond > 0 ? full.Median.ReadingsPerSecond / other.Median.ReadingsPerSecond : null, null);
    }
}
