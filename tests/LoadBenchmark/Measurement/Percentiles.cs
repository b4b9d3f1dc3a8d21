namespace Ingest.LoadBenchmark.Measurement;

/// <summary>Percentiles by the nearest-rank method: the smallest sample with at least p % of the samples at or below it.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percentile"/>-th percentile (0 &lt; p ≤ 100) of <paramref name="sorted"/>, which is in ascending order and not empty.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(sorted));
        }

        if (percentile is <= 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "a percentile is above 0 and at most 100");
        }

        // The small tolerance keeps e.g. 95 % of 20 samples at rank 19 despite binary fractions.
        var rank = (int)Math.Ceiling((percentile * sorted.Count / 100) - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
