using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// The rounds of one (pattern, batch size) at full speed, in run order, and the one the report judges: the
/// <see cref="Median"/> round by readings/s, a real run, so that all its figures come from one run. Any round's
/// <see cref="RunResult.Problem"/> is the whole group's <see cref="Problem"/>: a verdict from the other rounds would
/// rest on the runs that happened to go well.
/// </summary>
internal sealed class RunRounds
{
    private RunRounds(IReadOnlyList<RunResult> rounds)
    {
        Rounds = rounds;
        Median = MedianOf(rounds);
        Problem = ThroughputRatio.ProblemOf([.. rounds]);
    }

    public LoadPattern Pattern => Median.Pattern;

    /// <summary>The storage of the rounds' collectors.</summary>
    public StorageSetup Setup => Median.Setup;

    /// <summary>Readings per batch; null for the naive pattern.</summary>
    public int? BatchSize => Median.BatchSize;

    /// <summary>Every round, in run order.</summary>
    public IReadOnlyList<RunResult> Rounds { get; }

    /// <summary>
    /// The middle round by readings/s: for an even count the lower middle, and among rounds with equal readings/s
    /// the earlier one counts as the lower.
    /// </summary>
    public RunResult Median { get; }

    /// <summary>The problems of the rounds that have one, each after its run's name; null when none has one.</summary>
    public string? Problem { get; }

    /// <summary>
    /// The full-speed runs (not the half-load run) grouped by (pattern, storage setup, batch size), ordered by pattern,
    /// batch size, then setup (SQLite first, then PostgreSQL by collectors), each group's rounds in run order.
    /// </summary>
    public static IReadOnlyList<RunRounds> Of(IEnumerable<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return [.. runs
            .Where(r => r.RateLimitReadingsPerSecond is null)
            .Select((run, order) => (run, order))
            .GroupBy(r => (r.run.Pattern, r.run.BatchSize, r.run.Engine, r.run.Collectors))
            .OrderBy(g => g.Key.Pattern)
            .ThenBy(g => g.Key.BatchSize)
            .ThenBy(g => g.Key.Engine)
            .ThenBy(g => g.Key.Collectors)
            .Select(g => new RunRounds([.. g.OrderBy(r => r.run.Round).ThenBy(r => r.order).Select(r => r.run)]))];
    }

    private static RunResult MedianOf(IReadOnlyList<RunResult> rounds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        var ranked = rounds.OrderBy(r => r.ReadingsPerSecond).ToList(); // stable: equal rates keep run order
        return ranked[(ranked.Count - 1) / 2];
    }
}
