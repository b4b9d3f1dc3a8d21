namespace Ingest.LoadBenchmark.Measurement;

/// <summary>Ack latency percentiles of a run, in milliseconds (nearest rank); null without samples.</summary>
internal sealed record LatencySummary(int Samples, double? P50Ms, double? P95Ms, double? P99Ms, double? MaxMs)
{
    public static LatencySummary Of(IEnumerable<double> samplesMs)
    {
        ArgumentNullException.ThrowIfNull(samplesMs);
        var sorted = samplesMs.Order().ToArray();
        return sorted.Length == 0
            ? new LatencySummary(0, null, null, null, null)
            : new LatencySummary(sorted.Length, Percentiles.NearestRank(sorted, 50), Percentiles.NearestRank(sorted, 95), Percentiles.NearestRank(sorted, 99), sorted[^1]);
    }
}
