using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class MarkdownReportTests
{
    private static BenchmarkReport Report(params RunResult[] runs) => new BenchmarkReport
    {
        Machine = new MachineInfo(2, "Linux", ".NET 10", "Test CPU", "/work/bench-results/storage", "ext4"),
        Options = new ReportedOptions(20, 10, 2, [100], 50, ["naive", "ceiling", "full"], true, 10_000, 60, "collector.dll", 5, "/work/bench-results/storage"),
        Runs = runs,
    }.Judged();

    [Fact]
    public void Build_Runs_HasARowPerRunWithNaiveBatchSizeNotApplicable()
    {
        var markdown = MarkdownReport.Build(Report(SampleRuns.Naive(4_000), SampleRuns.Ceiling(100, 4_000_000), SampleRuns.Full(100, 1_000_000)));

        Assert.Contains("| naive | n/a (1 per call) | 4,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ceiling | 100 | 4,000,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| full | 100 | 1,000,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 100 | 25 % | 250× |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Header_NamesTheStorageDirectoryAndItsFileSystem()
    {
        var markdown = MarkdownReport.Build(Report(SampleRuns.Full(100, 1_000_000)));

        Assert.Contains("Collector storage: /work/bench-results/storage (ext4).", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_StorageMismatch_SaysSoLoudlyAndTheReportFails()
    {
        var full = SampleRuns.Full(100, 1_000_000) with { Storage = SampleRuns.StorageMismatch };
        var report = Report(full);

        var markdown = MarkdownReport.Build(report);

        Assert.Contains("**MISMATCH: s: acknowledged up to sequence 10 but stored only up to 9", markdown, StringComparison.Ordinal);
        Assert.Contains("**NOT USABLE for a verdict — full-100: storage check failed", markdown, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Build_RunWithErrors_ListsThemByStatusAndItsRatiosAsNotMeasured()
    {
        var full = SampleRuns.WithErrors(SampleRuns.Full(100, 1_000_000));

        var markdown = MarkdownReport.Build(Report(SampleRuns.Naive(4_000), full));

        Assert.Contains("**Unavailable ×2**", markdown, StringComparison.Ordinal);
        Assert.Contains("| 100 | - | not measured (full-100: errors: Unavailable ×2) |", markdown, StringComparison.Ordinal);
        Assert.Contains("**NOT USABLE for a verdict — full-100: errors: Unavailable ×2.**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HalfLoadRun_SaysItsWindowBatchSizeAndWhichRateItHalved()
    {
        var markdown = MarkdownReport.Build(Report(SampleRuns.Full(1000, 4_000_000), SampleRuns.HalfLoad(1000, 2_000_000, 40)));

        Assert.Contains(
            "full, 1,000-reading batches, 5 batches per stream (--half-load-window-batches), limited to 2,000,000 readings/s (half of full-1000's readings/s): 2,000,000 readings/s acked, ack p50 / p95 / p99 per batch (write → ack) 10.0 / 20.0 / 40.0 ms",
            markdown,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Build_StoredNotAcknowledged_IsAWarningNotAFailure()
    {
        var warned = SampleRuns.StorageOk with { Warning = "100 readings in 1 batches stored, not acknowledged (streams that ended before their ack)" };

        var markdown = MarkdownReport.Build(Report(SampleRuns.Full(100, 1_000_000) with { Storage = warned }));

        Assert.Contains("| ok (warning below) |", markdown, StringComparison.Ordinal);
        Assert.Contains("Warning, full-100: 100 readings in 1 batches stored, not acknowledged", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT USABLE", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CollectorExitedDuringTheRun_ShowsTheEndOfItsLog()
    {
        var failed = SampleRuns.Full(100, 0) with { ReadingsAcked = 0, Failure = "the collector exited during the run with 134; see full-100.log", CollectorLogTail = ["Unhandled exception.", "System.OutOfMemoryException"] };

        var markdown = MarkdownReport.Build(Report(failed));

        Assert.Contains("| full | 100 | FAILED: the collector exited during the run with 134; see full-100.log |", markdown, StringComparison.Ordinal);
        Assert.Contains("The end of full-100's collector log:\n\n```\nUnhandled exception.\nSystem.OutOfMemoryException\n```", markdown, StringComparison.Ordinal);
    }
}
