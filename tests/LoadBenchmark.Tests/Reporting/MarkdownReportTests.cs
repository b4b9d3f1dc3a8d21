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

        Assert.Contains("| naive | SQLite | n/a (1 per call) | 4,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ceiling | none (discarded) | 100 | 4,000,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| full | SQLite | 100 | 1,000,000 |", markdown, StringComparison.Ordinal);
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
            "full on SQLite, 1,000-reading batches, 5 batches per stream (--half-load-window-batches), limited to 2,000,000 readings/s (half of full-1000's readings/s): 2,000,000 readings/s acked, ack p50 / p95 / p99 per batch (write → ack) 10.0 / 20.0 / 40.0 ms",
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

        Assert.Contains("| full | SQLite | 100 | FAILED: the collector exited during the run with 134; see full-100.log |", markdown, StringComparison.Ordinal);
        Assert.Contains("The end of full-100's collector log:\n\n```\nUnhandled exception.\nSystem.OutOfMemoryException\n```", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeveralRounds_ARowPerRunFromItsMedianRoundListingEveryRoundsFigure()
    {
        RunResult[] runs =
        [
            SampleRuns.Naive(4_000),
            .. SampleRuns.InRounds(SampleRuns.Ceiling(100, 0), 55_100_000, 58_300_000, 47_200_000),
            .. SampleRuns.InRounds(SampleRuns.Full(100, 0), 30_000_000, 28_000_000, 37_000_000),
        ];

        var markdown = MarkdownReport.Build(Report(runs));

        Assert.Contains("| readings/s acked | rounds (readings/s) | batches/s |", markdown, StringComparison.Ordinal);
        Assert.Contains("| naive | SQLite | n/a (1 per call) | 4,000 | 4.0 k |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ceiling | none (discarded) | 100 | 55,100,000 | 55.1 M, 58.3 M, 47.2 M |", markdown, StringComparison.Ordinal);
        Assert.Contains("| full | SQLite | 100 | 30,000,000 | 30.0 M, 28.0 M, 37.0 M |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 100 | 54 % | 7,500× |", markdown, StringComparison.Ordinal);
        Assert.Contains("Each ceiling and full row is the median round of 3 by readings/s", markdown, StringComparison.Ordinal);
        Assert.Contains("interleaved per batch size, ceiling and full going first in turn (ceiling, full, full, ceiling, …), each on a fresh collector", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MedianRound_AllItsFiguresFromThatRound()
    {
        var markdown = MarkdownReport.Build(Report([.. SampleRuns.InRounds(SampleRuns.Full(100, 0), 40_000_000, 20_000_000, 30_000_000)]));

        // Round 3 is the median; its p99 is 30 ms, where rounds 1 and 2 had 10 and 20 ms.
        Assert.Contains("| full | SQLite | 100 | 30,000,000 | 40.0 M, 20.0 M, 30.0 M | 0 | 1.00 | 2.00 | 30.0 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ProblemInOneRound_MarksThatRoundAndTheRatioNotMeasured()
    {
        var full = SampleRuns.InRounds(SampleRuns.Full(100, 0), 30_000_000, 28_000_000, 37_000_000);
        full[2] = SampleRuns.WithErrors(full[2]);

        var markdown = MarkdownReport.Build(Report([SampleRuns.Naive(4_000), .. full]));

        Assert.Contains("| 30.0 M, 28.0 M, **37.0 M (r3 not usable)** |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 100 | - | not measured (full-100-r3: errors: Unavailable ×2) |", markdown, StringComparison.Ordinal);
        Assert.Contains("**NOT USABLE for a verdict — full-100-r3: errors: Unavailable ×2.**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OneRound_HasNoRoundsColumnNorMedianText()
    {
        var markdown = MarkdownReport.Build(Report(SampleRuns.Ceiling(100, 4_000_000), SampleRuns.Full(100, 1_000_000)));

        Assert.DoesNotContain("rounds (readings/s)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("median round", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PostgresRows_BesideSqliteWithTheStoreTheServersCpuAndTheirHalfLoad()
    {
        var markdown = MarkdownReport.Build(Report(
            SampleRuns.Full(1000, 4_000_000),
            SampleRuns.OnPostgres(SampleRuns.Full(1000, 3_000_000), 1),
            SampleRuns.OnPostgres(SampleRuns.Full(1000, 3_500_000), 2),
            SampleRuns.HalfLoad(1000, 2_000_000, 40),
            SampleRuns.OnPostgres(SampleRuns.HalfLoad(1000, 1_500_000, 60), 1)));

        Assert.Contains("| full | SQLite | 1,000 | 4,000,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| full | PostgreSQL, 1 collector | 1,000 | 3,000,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| full | PostgreSQL, 2 collectors | 1,000 | 3,500,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 0.0 (0 %) | 4.0 (40 %) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 0.0 (0 %) | n/a |", markdown, StringComparison.Ordinal);
        Assert.Contains("full on SQLite, 1,000-reading batches", markdown, StringComparison.Ordinal);
        Assert.Contains("full on PostgreSQL, 1 collector, 1,000-reading batches", markdown, StringComparison.Ordinal);
        Assert.Contains(", PostgreSQL CPU 4.0 s (40 %), errors: none", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1,000 | - | - |", markdown, StringComparison.Ordinal);
    }
}
