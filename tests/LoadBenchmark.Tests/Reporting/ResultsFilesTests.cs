using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class ResultsFilesTests
{
    private static readonly ProcessFigures Figures = new()
    {
        CollectorCpuSeconds = 12.5,
        CollectorCpuPercentOfCore = 125,
        CollectorPeakRssBytes = 300L << 20,
        CollectorEndRssBytes = 250L << 20,
        ClientCpuSeconds = 4.25,
    };

    [Fact]
    public void ReadExisting_WrittenReport_ComesBackWithItsVersionRunsAndStorageVerdicts()
    {
        using var directory = new TempDirectory("results-files");
        var files = new ResultsFiles(directory.Path);
        var report = new BenchmarkReport
        {
            FormatVersion = BenchmarkReport.CurrentFormatVersion,
            Machine = new MachineInfo(2, "Linux", ".NET 10", "Test CPU", "/data/storage", "ext4"),
            Options = new ReportedOptions(20, 10, 2, [1000], 50, ["full"], true, 10_000, 60, "collector.dll", 5, "/data/storage"),
            Runs = [SampleRuns.Full(1000, 2_000_000) with { Process = Figures }, SampleRuns.HalfLoad(1000, 1_000_000, 12)],
            Scale = SampleRuns.GoodScale with { Process = Figures with { CollectorEndRssBytes = 500L << 20 } },
        }.Judged();

        files.Write(report);
        var read = files.ReadExisting();

        Assert.NotNull(read);
        Assert.Equal(BenchmarkReport.CurrentFormatVersion, read.FormatVersion);
        Assert.Equal(report.Runs.Select(r => (r.Name, r.ReadingsPerSecond, r.Latency, r.Storage, r.RateLimitBasis, r.WindowBatches)), read.Runs.Select(r => (r.Name, r.ReadingsPerSecond, r.Latency, r.Storage, r.RateLimitBasis, r.WindowBatches)));
        Assert.Equal(report.Runs.Select(r => r.Process), read.Runs.Select(r => r.Process));
        Assert.Equal(report.Scale!.Process, read.Scale?.Process);
        Assert.Equal("ext4", read.Machine.StorageFileSystem);
        Assert.True(File.Exists(files.ChartPath));
    }

    [Fact]
    public void ReadExisting_ReportFromBeforeVersions_HasVersionZero()
    {
        using var directory = new TempDirectory("results-files");
        File.WriteAllText(
            Path.Combine(directory.Path, "results.json"),
            """{"startedAt":"2025-01-01T00:00:00+00:00","machine":{"processorCount":2,"operatingSystem":"Linux","dotNet":".NET 10","cpuModel":"x"},"options":{"sensors":20,"seconds":10,"warmUpSeconds":2,"batchSizes":[1000],"windowBatches":50,"patterns":["full"],"halfLoad":true,"scaleSensors":10000,"scaleSeconds":60,"collectorDll":"c.dll"},"runs":[],"scale":null}""");

        var read = new ResultsFiles(directory.Path).ReadExisting();

        Assert.NotNull(read);
        Assert.Equal(0, read.FormatVersion);
    }

    [Fact]
    public void Write_ProcessFigures_AreOneObjectUnderProcess()
    {
        using var directory = new TempDirectory("results-files");
        var files = new ResultsFiles(directory.Path);

        files.Write(new BenchmarkReport
        {
            FormatVersion = BenchmarkReport.CurrentFormatVersion,
            Machine = new MachineInfo(2, "Linux", ".NET 10", "Test CPU", "/data/storage", "ext4"),
            Options = new ReportedOptions(20, 10, 2, [1000], 50, ["full"], true, 10_000, 60, "collector.dll", 5, "/data/storage"),
            Runs = [SampleRuns.Full(1000, 2_000_000) with { Process = Figures }],
        }.Judged());

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(files.JsonPath));
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.Equal(BenchmarkReport.CurrentFormatVersion, json.RootElement.GetProperty("formatVersion").GetInt32());
        Assert.False(run.TryGetProperty("collectorCpuSeconds", out _));
        var process = run.GetProperty("process");
        Assert.Equal(12.5, process.GetProperty("collectorCpuSeconds").GetDouble());
        Assert.Equal(125, process.GetProperty("collectorCpuPercentOfCore").GetDouble());
        Assert.Equal(300L << 20, process.GetProperty("collectorPeakRssBytes").GetInt64());
        Assert.Equal(250L << 20, process.GetProperty("collectorEndRssBytes").GetInt64());
        Assert.Equal(4.25, process.GetProperty("clientCpuSeconds").GetDouble());
    }

    [Fact]
    public void ReadExisting_RoundsWritten_ComeBackWithTheirRoundNumbersAndTheOptionsRounds()
    {
        using var directory = new TempDirectory("results-files");
        var files = new ResultsFiles(directory.Path);
        var report = new BenchmarkReport
        {
            FormatVersion = BenchmarkReport.CurrentFormatVersion,
            Machine = new MachineInfo(2, "Linux", ".NET 10", "Test CPU", "/data/storage", "ext4"),
            Options = new ReportedOptions(20, 10, 2, [1000], 50, ["ceiling", "full"], false, 10_000, 60, "collector.dll", 5, "/data/storage", Rounds: 3),
            Runs = [.. SampleRuns.InRounds(SampleRuns.Ceiling(1000, 0), 9, 8, 7), .. SampleRuns.InRounds(SampleRuns.Full(1000, 0), 6, 5, 4)],
        }.Judged();

        files.Write(report);
        var read = files.ReadExisting();
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(files.JsonPath));

        Assert.NotNull(read);
        Assert.Equal(3, read.Options.Rounds);
        Assert.Equal(report.Runs.Select(r => (r.Name, r.Round, r.ReadingsPerSecond)), read.Runs.Select(r => (r.Name, r.Round, r.ReadingsPerSecond)));
        Assert.Equal([1, 2, 3, 1, 2, 3], json.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("round").GetInt32()));
        Assert.Equal(report.Ratios, read.Ratios);
    }
}
