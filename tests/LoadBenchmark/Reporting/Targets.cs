using System.Globalization;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Scale;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>The targets for this machine class (2 cores, collector and sensors together), judged from one run's figures.</summary>
internal static class Targets
{
    /// <summary>The batch size the throughput targets are stated for.</summary>
    public const int ReferenceBatchSize = 1000;

    public const double FullReadingsPerSecond = 5_000_000;

    public const double FullOverCeiling = 0.70;

    public const double FullOverNaive = 200;

    public const double HalfLoadP99Ms = 100;

    public const int ScaleSensors = 10_000;

    public const long ScaleMemoryBytes = 1L << 30;

    public static IReadOnlyList<TargetVerdict> Evaluate(IReadOnlyList<RunResult> runs, ScaleResult? scale)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var full = ThroughputRatio.FullRuns(runs).FirstOrDefault(r => r.BatchSize == ReferenceBatchSize);
        var ratio = ThroughputRatio.Of(runs).FirstOrDefault(r => r.BatchSize == ReferenceBatchSize);
        var halfLoad = runs.FirstOrDefault(r => r.Pattern == LoadPattern.Full && r.RateLimitReadingsPerSecond is not null && r.Failure is null);
        return
        [
            new TargetVerdict(
                $"full pipeline ≥ {Number(FullReadingsPerSecond)} readings/s durably acknowledged, {Number(ReferenceBatchSize)}-reading batches",
                full is null ? "no full run with 1,000-reading batches" : $"{Number(full.ReadingsPerSecond)} readings/s" + (full.StorageMismatch ? " (storage check FAILED)" : ""),
                full is null ? null : full.ReadingsPerSecond >= FullReadingsPerSecond && !full.StorageMismatch),
            new TargetVerdict(
                $"full ≥ {FullOverCeiling:P0} of the transport ceiling in the same run, {Number(ReferenceBatchSize)}-reading batches",
                ratio?.FullOverCeiling is { } c ? $"{c:P0}" : "no full and ceiling runs with 1,000-reading batches",
                ratio?.FullOverCeiling is { } ceiling ? ceiling >= FullOverCeiling : null),
            new TargetVerdict(
                $"full ≥ {FullOverNaive:0}× the naive pattern, {Number(ReferenceBatchSize)}-reading batches",
                ratio?.FullOverNaive is { } n ? $"{n:N0}×" : "no full run with 1,000-reading batches and naive run",
                ratio?.FullOverNaive is { } naive ? naive >= FullOverNaive : null),
            new TargetVerdict(
                $"ack p99 ≤ {HalfLoadP99Ms:0} ms at half the peak load",
                halfLoad?.Latency.P99Ms is { } p99 ? $"p99 {p99:N1} ms at {Number(halfLoad.ReadingsPerSecond)} readings/s" : "no half-load run",
                halfLoad?.Latency.P99Ms is { } p ? p <= HalfLoadP99Ms : null),
            new TargetVerdict(
                $"{Number(ScaleSensors)} connected sensors in ≤ 1 GiB of collector memory, with no errors",
                scale is null
                    ? "no scale run (./bench.sh --scale)"
                    : $"{Number(scale.ConnectedAtStart)} of {Number(scale.Sensors)} connected, peak {scale.CollectorPeakRssBytes / 1048576.0:N0} MiB, {Number(scale.ErrorCount)} errors",
                scale is null ? null : scale.Sensors >= ScaleSensors && scale.ConnectedAtStart >= ScaleSensors && scale.CollectorPeakRssBytes <= ScaleMemoryBytes && scale.ErrorCount == 0),
        ];
    }

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
