using System.Globalization;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Scale;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// The targets for this machine class (2 cores, collector and sensors together), judged from the median
/// round of each ceiling and full run (<see cref="RunRounds"/>) and from the naive, half-load and scale runs. A target
/// is "met" only on runs that can justify it: one where any round of a run it needs has a
/// <see cref="RunResult.Problem"/> (errors, no acks, a failed storage check, a half-load run short of its rate)
/// is "not measured" with that problem named.
/// </summary>
internal static class Targets
{
    /// <summary>The batch size the throughput targets are stated for.</summary>
    public const int ReferenceBatchSize = 1000;

    public const double FullReadingsPerSecond = 5_000_000;

    public const double FullOverCeiling = 0.70;

    public const double FullOverNaive = 200;

    public const double HalfLoadP99Ms = 100;

    /// <summary>The share of SQLite's full readings/s (1,000-reading batches) each PostgreSQL row should reach.</summary>
    public const double PostgresOverSqlite = 0.50;

    public const int ScaleSensors = 10_000;

    public const long ScaleMemoryBytes = 1L << 30;

    /// <summary>The share of its sensors' 1 reading/s the scale run must have acknowledged.</summary>
    public const double ScaleMinShareOfRate = 0.95;

    public static IReadOnlyList<TargetVerdict> Evaluate(IReadOnlyList<RunResult> runs, ScaleResult? scale)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var full = ThroughputRatio.FullRounds(runs).FirstOrDefault(g => g.BatchSize == ReferenceBatchSize);
        var ratio = ThroughputRatio.Of(runs).FirstOrDefault(r => r.BatchSize == ReferenceBatchSize);
        var halfLoad = runs.FirstOrDefault(r => r.Pattern == LoadPattern.Full && r.RateLimitReadingsPerSecond is not null && r.Setup == StorageSetup.Sqlite);
        return [FullThroughput(full), OverCeiling(ratio), OverNaive(ratio), HalfLoadLatency(halfLoad), .. Postgres(runs, full), Scale(scale)];
    }

    /// <summary>
    /// With PostgreSQL rows: each row's share of SQLite's readings/s (1,000-reading batches, median rounds), and the ack
    /// p99 of PostgreSQL's own half-load run. None without PostgreSQL rows.
    /// </summary>
    private static IEnumerable<TargetVerdict> Postgres(IReadOnlyList<RunResult> runs, RunRounds? sqlite)
    {
        var rows = RunRounds.Of(runs)
            .Where(g => g.Pattern == LoadPattern.Full && g.BatchSize == ReferenceBatchSize && g.Setup.Engine == StorageEngine.Postgres)
            .ToList();
        foreach (var row in rows)
        {
            var target = $"full on {row.Setup.Label} ≥ {PostgresOverSqlite:P0} of SQLite's readings/s, {Number(ReferenceBatchSize)}-reading batches";
            var measured = $"{Number(row.Median.ReadingsPerSecond)} readings/s";
            var problem = ThroughputRatio.ProblemOf([.. row.Rounds, .. sqlite?.Rounds ?? []]);
            if (sqlite is null || sqlite.Median.ReadingsPerSecond <= 0)
            {
                yield return new TargetVerdict(target, measured + ", no SQLite full run to compare", null);
            }
            else if (problem is not null)
            {
                yield return new TargetVerdict(target, measured, null, problem);
            }
            else
            {
                var share = row.Median.ReadingsPerSecond / sqlite.Median.ReadingsPerSecond;
                yield return new TargetVerdict(target, $"{measured}, {share:P0} of SQLite's {Number(sqlite.Median.ReadingsPerSecond)}", share >= PostgresOverSqlite);
            }
        }

        if (rows.Count > 0)
        {
            var halfLoad = runs.FirstOrDefault(r => r.RateLimitReadingsPerSecond is not null && r.Setup.Engine == StorageEngine.Postgres);
            var verdict = HalfLoadLatency(halfLoad);
            yield return verdict with { Target = $"PostgreSQL: {verdict.Target}" };
        }
    }

    private static TargetVerdict FullThroughput(RunRounds? full)
    {
        var target = $"full pipeline ≥ {Number(FullReadingsPerSecond)} readings/s durably acknowledged, {Number(ReferenceBatchSize)}-reading batches";
        if (full is null)
        {
            return new TargetVerdict(target, "no full run with 1,000-reading batches", null);
        }

        var readingsPerSecond = full.Median.ReadingsPerSecond;
        var measured = $"{Number(readingsPerSecond)} readings/s" + (full.Rounds.Count > 1 ? $" (median of {full.Rounds.Count} rounds)" : "");
        return full.Problem is { } problem
            ? new TargetVerdict(target, measured, null, problem)
            : new TargetVerdict(target, measured, readingsPerSecond >= FullReadingsPerSecond);
    }

    private static TargetVerdict OverCeiling(ThroughputRatio? ratio)
    {
        var target = $"full ≥ {FullOverCeiling:P0} of the transport ceiling measured beside it, {Number(ReferenceBatchSize)}-reading batches";
        return ratio switch
        {
            { FullOverCeilingProblem: { } problem } => new TargetVerdict(target, "-", null, problem),
            { FullOverCeiling: { } c } => new TargetVerdict(target, $"{c:P0}", c >= FullOverCeiling),
            _ => new TargetVerdict(target, "no full and ceiling runs with 1,000-reading batches", null),
        };
    }

    private static TargetVerdict OverNaive(ThroughputRatio? ratio)
    {
        var target = $"full ≥ {FullOverNaive:0}× the naive pattern, {Number(ReferenceBatchSize)}-reading batches";
        return ratio switch
        {
            { FullOverNaiveProblem: { } problem } => new TargetVerdict(target, "-", null, problem),
            { FullOverNaive: { } n } => new TargetVerdict(target, $"{n:N0}×", n >= FullOverNaive),
            _ => new TargetVerdict(target, "no full run with 1,000-reading batches and naive run", null),
        };
    }

    private static TargetVerdict HalfLoadLatency(RunResult? halfLoad)
    {
        var target = $"ack p99 ≤ {HalfLoadP99Ms:0} ms at half the peak load";
        if (halfLoad is null)
        {
            return new TargetVerdict(target, "no half-load run", null);
        }

        var measured = halfLoad.Latency.P99Ms is { } p99
            ? $"p99 {p99:N1} ms per batch (write → ack) at {Number(halfLoad.ReadingsPerSecond)} readings/s of {Number(halfLoad.RateLimitReadingsPerSecond ?? 0)} asked, " +
              $"{Number(halfLoad.BatchSize ?? 0)}-reading batches, {halfLoad.WindowBatches} per stream"
            : "no latency samples";
        return halfLoad.Problem is { } problem
            ? new TargetVerdict(target, measured, null, problem)
            : new TargetVerdict(target, measured, halfLoad.Latency.P99Ms is { } p ? p <= HalfLoadP99Ms : null);
    }

    private static TargetVerdict Scale(ScaleResult? scale)
    {
        var target = $"{Number(ScaleSensors)} connected sensors in ≤ 1 GiB of collector memory, with no errors";
        if (scale is null)
        {
            return new TargetVerdict(target, "no scale run (./bench.sh --scale)", null);
        }

        var measured =
            $"{Number(scale.ConnectedAtStart)} / {Number(scale.ConnectedAtEnd)} of {Number(scale.Sensors)} connected at start / end, " +
            $"{Number(scale.ReadingsPerSecond)} readings/s acked (≥ {Number(ScaleMinShareOfRate * scale.Sensors)} needed), " +
            $"peak {scale.Process.CollectorPeakRssBytes / 1048576.0:N0} MiB, {Number(scale.ErrorCount)} errors";
        if (scale.NotMeasuredBecause is { } reason)
        {
            return new TargetVerdict(target, measured, null, reason);
        }

        return new TargetVerdict(
            target,
            measured,
            scale.Sensors >= ScaleSensors
            && scale.ConnectedAtStart >= scale.Sensors
            && scale.ConnectedAtEnd >= scale.Sensors
            && scale.ErrorCount == 0
            && scale.ReadingsPerSecond >= ScaleMinShareOfRate * scale.Sensors
            && scale.Process.CollectorPeakRssBytes <= ScaleMemoryBytes);
    }

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
