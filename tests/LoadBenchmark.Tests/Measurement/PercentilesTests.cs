using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Tests.Measurement;

public sealed class PercentilesTests
{
    private static readonly double[] OneToTwenty = [.. Enumerable.Range(1, 20).Select(i => (double)i)];

    [Theory]
    [InlineData(50, 10)]
    [InlineData(95, 19)]
    [InlineData(99, 20)]
    [InlineData(100, 20)]
    [InlineData(1, 1)]
    public void NearestRank_TwentySamples_IsTheSmallestSampleWithThatShareAtOrBelowIt(double percentile, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(OneToTwenty, percentile));

    [Fact]
    public void NearestRank_OneSample_IsThatSampleForEveryPercentile()
    {
        Assert.Equal(7, Percentiles.NearestRank([7.0], 1));
        Assert.Equal(7, Percentiles.NearestRank([7.0], 99));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void NearestRank_PercentileOutOfRange_Throws(double percentile) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(OneToTwenty, percentile));

    [Fact]
    public void NearestRank_NoSamples_Throws() => Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));

    [Fact]
    public void LatencySummary_UnsortedSamples_SortsBeforeTakingPercentiles()
    {
        var summary = LatencySummary.Of(OneToTwenty.Reverse());

        Assert.Equal(20, summary.Samples);
        Assert.Equal(10, summary.P50Ms);
        Assert.Equal(19, summary.P95Ms);
        Assert.Equal(20, summary.P99Ms);
        Assert.Equal(20, summary.MaxMs);
    }

    [Fact]
    public void LatencySummary_NoSamples_HasNoPercentiles()
    {
        var summary = LatencySummary.Of([]);

        Assert.Equal(0, summary.Samples);
        Assert.Null(summary.P50Ms);
        Assert.Null(summary.P99Ms);
    }
}
