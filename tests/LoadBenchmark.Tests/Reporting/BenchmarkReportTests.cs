using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Scale;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class BenchmarkReportTests
{
    private static BenchmarkReport Report(ScaleResult? scale, params RunResult[] runs) => new()
    {
        Machine = new MachineInfo(2, "Linux", ".NET 10", "Test CPU"),
        Options = new ReportedOptions(20, 10, 2, [1000], 50, ["naive", "ceiling", "full"], true, 10_000, 60, "collector.dll"),
        Runs = runs,
        Scale = scale,
    };

    [Fact]
    public void Passed_CleanRuns_IsTrue() =>
        Assert.True(Report(SampleRuns.GoodScale, SampleRuns.Naive(20_000), SampleRuns.Full(1000, 2_000_000), SampleRuns.HalfLoad(1000, 1_000_000, 150)).Passed);

    [Fact]
    public void Passed_RunWithRpcErrors_FailsNamingTheRunAndErrors()
    {
        var report = Report(null, SampleRuns.Naive(20_000), SampleRuns.WithErrors(SampleRuns.Ceiling(1000, 7_000_000)));

        Assert.False(report.Passed);
        Assert.Equal(["ceiling-1000: errors: Unavailable ×2"], report.ThroughputProblems);
    }

    [Fact]
    public void Passed_RunWithNoAcks_Fails()
    {
        var report = Report(null, SampleRuns.Full(1000, 0));

        Assert.False(report.Passed);
        Assert.Equal(["full-1000: no readings acknowledged in the measured interval"], report.ThroughputProblems);
    }

    [Fact]
    public void Passed_HalfLoadRunShortOfItsRate_Fails()
    {
        var report = Report(null, SampleRuns.HalfLoad(1000, 1_000_000, 10) with { ReadingsPerSecond = 900_000 });

        Assert.False(report.Passed);
        Assert.Contains("reached 900,000 of the 1,000,000 readings/s", Assert.Single(report.ThroughputProblems), StringComparison.Ordinal);
    }

    [Fact]
    public void Passed_StorageMismatch_Fails() =>
        Assert.False(Report(null, SampleRuns.Full(1000, 2_000_000) with { Storage = SampleRuns.StorageMismatch }).Passed);

    [Fact]
    public void Passed_StorageWarningOnly_IsTrue()
    {
        var warned = SampleRuns.StorageOk with { Warning = "10 readings in 1 batches stored, not acknowledged", StoredNotAcknowledgedBatches = 1 };

        Assert.True(Report(null, SampleRuns.Full(1000, 2_000_000) with { Storage = warned }).Passed);
    }

    [Fact]
    public void Passed_ScaleRunWithErrors_FailsTheScaleRunOnly()
    {
        var report = Report(SampleRuns.GoodScale with { ControlStreamsEnded = 2 }, SampleRuns.Full(1000, 2_000_000));

        Assert.False(report.Passed);
        Assert.Empty(report.ThroughputProblems);
        Assert.Equal(["scale: errors: control streams ended ×2"], report.ScaleProblems);
    }

    [Fact]
    public void Passed_CollectorExitedDuringTheRun_Fails()
    {
        var report = Report(null, SampleRuns.Full(1000, 2_000_000) with { Failure = "the collector exited during the run with 134; see full-1000.log" });

        Assert.False(report.Passed);
        Assert.StartsWith("full-1000: failed: the collector exited during the run with 134", Assert.Single(report.ThroughputProblems), StringComparison.Ordinal);
    }

    [Fact]
    public void Passed_ProblemInOneRound_FailsNamingThatRound()
    {
        var full = SampleRuns.InRounds(SampleRuns.Full(1000, 0), 5_000_000, 6_000_000, 7_000_000);
        full[1] = SampleRuns.WithErrors(full[1], "Internal", 1);

        var report = Report(null, full);

        Assert.False(report.Passed);
        Assert.Equal(["full-1000-r2: errors: Internal ×1"], report.ThroughputProblems);
    }
}
