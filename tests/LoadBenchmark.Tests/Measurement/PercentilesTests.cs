using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Tests.Measurement;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(50, 20, 10)]
    [InlineData(95, 20, 19)]
    [InlineData(99, 20, 20)]
    [InlineData(100, 20, 20)]
    [InlineData(1, 20, 1)]
    [InlineData(99, 1, 1)]
    [InlineData(99, 1000, 990)]
    public void Rank_Percentile_IsTheSmallestRankWithThatShareAtOrBelowIt(double percentile, long count, long expected) =>
        Assert.Equal(expected, Percentiles.Rank(percentile, count));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(double.NaN)]
    public void Rank_PercentileOutOfRange_Throws(double percentile) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Rank(percentile, 20));

    [Fact]
    public void Rank_NoSamples_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Rank(50, 0));
}
