using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class MarkdownReportTests
{
    private static BenchmarkReport Report(params RunResult[] runs) => new BenchmarkReport
    {
        Machine = new MachineInfo(2, "Linux", ".NET 10", "Test CPU"),
        Options = new ReportedOptions(20, 10, 2, [100], 50, ["naive", "ceiling", "full"], true, 10_000, 60, "collector.dll"),
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
    public void Build_StorageMismatch_SaysSoLoudlyAndTheReportFails()
    {
        var full = SampleRuns.Full(100, 1_000_000) with { Storage = StorageVerdict.Compare(new StoredTotals(90, 9, 9), 100, 10) };
        var report = Report(full);

        var markdown = MarkdownReport.Build(report);

        Assert.Contains("**MISMATCH: 90 readings stored but 100 acknowledged", markdown, StringComparison.Ordinal);
        Assert.Contains("STORAGE CHECK FAILED for full-100", markdown, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Build_RunWithErrors_ListsThemByStatus()
    {
        var full = SampleRuns.Full(100, 1_000_000) with { Errors = new Dictionary<string, long> { ["Unavailable"] = 2 } };

        var markdown = MarkdownReport.Build(Report(full));

        Assert.Contains("**Unavailable ×2**", markdown, StringComparison.Ordinal);
    }
}
