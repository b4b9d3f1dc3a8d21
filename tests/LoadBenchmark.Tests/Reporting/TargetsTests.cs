using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Scale;
using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class TargetsTests
{
    private static readonly ScaleResult GoodScale = new()
    {
        Sensors = 10_000,
        ConnectedAtStart = 10_000,
        ConnectedAtEnd = 10_000,
        CollectorPeakRssBytes = 600L << 20,
    };

    [Fact]
    public void Evaluate_EveryTargetReached_AllMet()
    {
        RunResult[] runs = [SampleRuns.Naive(20_000), SampleRuns.Ceiling(1000, 7_000_000), SampleRuns.Full(1000, 5_500_000), SampleRuns.HalfLoad(1000, 2_750_000, 40)];

        var verdicts = Targets.Evaluate(runs, GoodScale);

        Assert.Equal(5, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Met, v.Target + ": " + v.Measured));
    }

    [Fact]
    public void Evaluate_FiguresBelowTheTargets_NotMet()
    {
        RunResult[] runs = [SampleRuns.Naive(20_000), SampleRuns.Ceiling(1000, 7_000_000), SampleRuns.Full(1000, 2_000_000), SampleRuns.HalfLoad(1000, 1_000_000, 150)];

        var verdicts = Targets.Evaluate(runs, GoodScale with { CollectorPeakRssBytes = 2L << 30 });

        Assert.Equal([false, false, false, false, false], verdicts.Select(v => v.Met));
        Assert.All(verdicts, v => Assert.Equal("not met", v.Verdict));
    }

    [Fact]
    public void Evaluate_FastButStorageMismatch_FullThroughputNotMet()
    {
        var full = SampleRuns.Full(1000, 6_000_000) with { Storage = StorageVerdict.Compare(new StoredTotals(10, 1, 1), 20, 2) };

        var verdict = Targets.Evaluate([full], null)[0];

        Assert.False(verdict.Met);
        Assert.Contains("storage check FAILED", verdict.Measured, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NothingAtTheReferenceBatchSizeNorScaleRun_NotMeasured()
    {
        var verdicts = Targets.Evaluate([SampleRuns.Full(100, 6_000_000)], null);

        Assert.All(verdicts, v => Assert.Null(v.Met));
        Assert.All(verdicts, v => Assert.Equal("not measured", v.Verdict));
    }

    [Fact]
    public void Evaluate_ScaleRunWithErrors_NotMet()
    {
        var scale = GoodScale with { Errors = new Dictionary<string, long> { ["ResourceExhausted"] = 3 } };

        var verdict = Targets.Evaluate([], scale)[4];

        Assert.False(verdict.Met);
        Assert.Contains("3 errors", verdict.Measured, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ScaleRunWithFewerSensorsConnected_NotMet()
    {
        var verdict = Targets.Evaluate([], GoodScale with { ConnectedAtStart = 9_990 })[4];

        Assert.False(verdict.Met);
    }
}
