using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Tests.Measurement;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Checked = [1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

    public static TheoryData<string> Distributions => ["uniform", "lognormal", "bimodal", "wide"];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Percentile_ManySamples_IsWithinOnePercentOfTheExactNearestRank(string distribution)
    {
        var samples = Samples(distribution, 200_000, seed: 7);
        var histogram = new LatencyHistogram();
        foreach (var sample in samples)
        {
            histogram.Record(sample);
        }

        var sorted = samples.Order().ToArray();
        foreach (var percentile in Checked)
        {
            var exact = sorted[Percentiles.Rank(percentile, sorted.Length) - 1].Ticks;
            var measured = histogram.Percentile(percentile)!.Value.Ticks;
            Assert.True(Math.Abs(measured - exact) <= (exact * 0.01) + 1, $"{distribution} p{percentile}: {measured} ticks, exactly {exact}");
        }
    }

    [Fact]
    public void Percentile_TwentySamples_MatchesNearestRankWithinOnePercent()
    {
        var histogram = new LatencyHistogram();
        foreach (var ms in Enumerable.Range(1, 20).Reverse())
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal(10, histogram.Percentile(50)!.Value.TotalMilliseconds, 0.1);
        Assert.Equal(19, histogram.Percentile(95)!.Value.TotalMilliseconds, 0.19);
        Assert.Equal(20, histogram.Percentile(99)!.Value.TotalMilliseconds);
        Assert.Equal(TimeSpan.FromMilliseconds(20), histogram.Max);
    }

    [Fact]
    public void Percentile_OneSample_IsThatSampleExactly()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(7.3));

        Assert.Equal(TimeSpan.FromMilliseconds(7.3), histogram.Percentile(1));
        Assert.Equal(TimeSpan.FromMilliseconds(7.3), histogram.Percentile(99));
    }

    [Fact]
    public void Percentile_NoSamples_IsNull()
    {
        var histogram = new LatencyHistogram();

        Assert.Null(histogram.Percentile(50));
        Assert.Null(histogram.Max);
        Assert.Equal(LatencySummary.None, LatencySummary.Of(histogram));
    }

    [Fact]
    public void Record_BeyondTheHighestBucket_KeepsTheExactMaximum()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(5));
        histogram.Record(TimeSpan.FromHours(2));

        Assert.Equal(TimeSpan.FromHours(2), histogram.Max);
        Assert.Equal(TimeSpan.FromHours(2), histogram.Percentile(100));
    }

    [Fact]
    public void Record_BelowTheLowestBucket_StaysWithinTheLowest()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.Zero);
        histogram.Record(TimeSpan.FromTicks(3));

        Assert.True(histogram.Percentile(100)!.Value <= LatencyHistogram.Lowest);
    }

    [Fact]
    public void Add_TwoHistograms_EqualsOneWithEverySample()
    {
        var samples = Samples("lognormal", 10_000, seed: 3);
        var whole = new LatencyHistogram();
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        for (var i = 0; i < samples.Length; i++)
        {
            whole.Record(samples[i]);
            (i % 2 == 0 ? first : second).Record(samples[i]);
        }

        first.Add(second);

        Assert.Equal(whole.Count, first.Count);
        Assert.Equal(whole.Max, first.Max);
        Assert.All(Checked, p => Assert.Equal(whole.Percentile(p), first.Percentile(p)));
    }

    [Fact]
    public async Task Record_FromManyThreadsAtOnce_CountsEverySample()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 1; i <= 10_000; i++)
            {
                histogram.Record(TimeSpan.FromMicroseconds(i));
            }
        })));

        Assert.Equal(80_000, histogram.Count);
        Assert.Equal(TimeSpan.FromMicroseconds(10_000), histogram.Max);
        Assert.InRange(histogram.Percentile(50)!.Value.TotalMicroseconds, 4_950, 5_050);
    }

    [Fact]
    public void LatencySummary_Histogram_ReportsMillisecondPercentilesAndTheSampleCount()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 100; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var summary = LatencySummary.Of(histogram);

        Assert.Equal(100, summary.Samples);
        Assert.Equal(50, summary.P50Ms!.Value, 0.5);
        Assert.Equal(95, summary.P95Ms!.Value, 0.95);
        Assert.Equal(99, summary.P99Ms!.Value, 0.99);
        Assert.Equal(100, summary.MaxMs);
    }

    private static TimeSpan[] Samples(string distribution, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => TimeSpan.FromTicks(Math.Max(1, (long)(distribution switch
        {
            "uniform" => random.NextDouble() * 1_000_000, // 0–100 ms
            "lognormal" => Math.Exp(10 + (2 * Gaussian(random))), // median ~2 ms, long tail
            "bimodal" => random.NextDouble() < 0.9 ? 5_000 + (random.NextDouble() * 20_000) : 40_000_000 + (random.NextDouble() * 1_000_000),
            _ => Math.Pow(10, 1 + (random.NextDouble() * 8)), // 1 µs to 10 s
        }))))];
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
