namespace Ingest.LoadBenchmark.Measurement;

/// <summary>Percentiles by the nearest-rank method: the smallest sample with at least p % of the samples at or below it.</summary>
internal static class Percentiles
{
    /// <summary>The 1-based rank, among <paramref name="count"/> ascending samples, of the <paramref name="percentile"/>-th percentile (0 &lt; p ≤ 100).</summary>
    public static long Rank(double percentile, long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (percentile is <= 0 or > 100 || double.IsNaN(percentile))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "a percentile is above 0 and at most 100");
        }

        // The small tolerance keeps e.g. 95 % of 20 samples at rank 19 despite binary fractions.
        var rank = (long)Math.Ceiling((percentile * count / 100) - 1e-9);
        return Math.Clamp(rank, 1, count);
    }
}
