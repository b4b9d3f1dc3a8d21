using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class ThroughputRatioTests
{
    [Fact]
    public void Of_FullCeilingAndNaiveRuns_DividesFullByEachPerBatchSize()
    {
        RunResult[] runs = [SampleRuns.Naive(5_000), SampleRuns.Ceiling(100, 4_000_000), SampleRuns.Full(100, 1_000_000), SampleRuns.Ceiling(1000, 8_000_000), SampleRuns.Full(1000, 6_000_000)];

        var ratios = ThroughputRatio.Of(runs);

        Assert.Equal([100, 1000], ratios.Select(r => r.BatchSize));
        Assert.Equal(0.25, ratios[0].FullOverCeiling);
        Assert.Equal(200, ratios[0].FullOverNaive);
        Assert.Equal(0.75, ratios[1].FullOverCeiling);
        Assert.Equal(1200, ratios[1].FullOverNaive);
    }

    [Fact]
    public void Of_NoCeilingAtThatSizeAndNoNaive_LeavesThoseRatiosOut()
    {
        var ratio = Assert.Single(ThroughputRatio.Of([SampleRuns.Ceiling(100, 4_000_000), SampleRuns.Full(1000, 6_000_000)]));

        Assert.Equal(1000, ratio.BatchSize);
        Assert.Null(ratio.FullOverCeiling);
        Assert.Null(ratio.FullOverNaive);
    }

    [Fact]
    public void Of_HalfLoadRun_IsNotAFullSpeedRun()
    {
        var ratios = ThroughputRatio.Of([SampleRuns.Full(1000, 6_000_000), SampleRuns.HalfLoad(1000, 3_000_000, 10)]);

        Assert.Single(ratios);
    }

    [Fact]
    public void Of_CeilingRunWithErrors_FullOverCeilingNotMeasuredNamingIt()
    {
        var ratio = Assert.Single(ThroughputRatio.Of([SampleRuns.Naive(5_000), SampleRuns.WithErrors(SampleRuns.Ceiling(1000, 8_000_000)), SampleRuns.Full(1000, 6_000_000)]));

        Assert.Null(ratio.FullOverCeiling);
        Assert.Equal("ceiling-1000: errors: Unavailable ×2", ratio.FullOverCeilingProblem);
        Assert.Equal(1200, ratio.FullOverNaive);
        Assert.Null(ratio.FullOverNaiveProblem);
    }

    [Fact]
    public void Of_FullRunWithErrors_BothRatiosNotMeasured()
    {
        var ratio = Assert.Single(ThroughputRatio.Of([SampleRuns.Naive(5_000), SampleRuns.Ceiling(1000, 8_000_000), SampleRuns.WithErrors(SampleRuns.Full(1000, 6_000_000))]));

        Assert.Null(ratio.FullOverCeiling);
        Assert.Null(ratio.FullOverNaive);
        Assert.StartsWith("full-1000: errors:", ratio.FullOverCeilingProblem, StringComparison.Ordinal);
        Assert.StartsWith("full-1000: errors:", ratio.FullOverNaiveProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_SeveralRounds_DividesTheMedianRounds()
    {
        RunResult[] runs =
        [
            SampleRuns.Naive(20_000),
            .. SampleRuns.InRounds(SampleRuns.Ceiling(1000, 0), 55_000_000, 60_000_000, 42_000_000),
            .. SampleRuns.InRounds(SampleRuns.Full(1000, 0), 28_000_000, 37_000_000, 33_000_000),
        ];

        var ratio = Assert.Single(ThroughputRatio.Of(runs));

        Assert.Equal(33_000_000 / 55_000_000.0, ratio.FullOverCeiling);
        Assert.Equal(33_000_000 / 20_000.0, ratio.FullOverNaive);
    }

    [Fact]
    public void Of_ProblemInOneCeilingRoundOnly_FullOverCeilingNotMeasuredNamingThatRound()
    {
        var ceiling = SampleRuns.InRounds(SampleRuns.Ceiling(1000, 0), 55_000_000, 60_000_000, 42_000_000);
        ceiling[1] = ceiling[1] with { Storage = null, Failure = "the collector exited during the run with 139; see ceiling-1000-r2.log" };
        RunResult[] runs = [SampleRuns.Naive(20_000), .. ceiling, .. SampleRuns.InRounds(SampleRuns.Full(1000, 0), 28_000_000, 37_000_000, 33_000_000)];

        var ratio = Assert.Single(ThroughputRatio.Of(runs));

        Assert.Null(ratio.FullOverCeiling);
        Assert.Equal("ceiling-1000-r2: failed: the collector exited during the run with 139; see ceiling-1000-r2.log", ratio.FullOverCeilingProblem);
        Assert.NotNull(ratio.FullOverNaive);
    }
}
