namespace Ingest.LoadBenchmark.Measurement;

/// <summary>Latency percentiles of a run, in milliseconds (nearest rank, within 1 %; see <see cref="LatencyHistogram"/>); null without samples.</summary>
internal sealed record LatencySummary(long Samples, double? P50Ms, double? P95Ms, double? P99Ms, double? MaxMs)
{
    /// <summary>No samples.</summary>
    public static readonly LatencySummary None = new(0, null, null, null, null);

    public static LatencySummary Of(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.Count == 0
            ? None
            : new LatencySummary(histogram.Count, Ms(histogram.Percentile(50)), Ms(histogram.Percentile(95)), Ms(histogram.Percentile(99)), Ms(histogram.Max));
    }

    private static double? Ms(TimeSpan? latency) => latency?.TotalMilliseconds;
}
