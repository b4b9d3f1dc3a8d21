using System.Text.Json;
using Ingest.EndToEnd.Tests.Infrastructure;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The load benchmark (./bench.sh) end to end, in a tiny run: every pattern acknowledges readings without
/// errors, storage holds what was acknowledged, the chart is drawn; how fast is not asserted.
/// </summary>
public sealed class LoadBenchmarkSmokeTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The benchmark program, built in this test run's configuration like the other programs.</summary>
    private static string BenchmarkDll
    {
        get
        {
            var path = Path.Combine(RepoPaths.Root, "bench", "LoadBenchmark", "bin", RepoPaths.Configuration, "net10.0", "Ingest.LoadBenchmark.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Ingest.LoadBenchmark is not built; build Ingest.sln in {RepoPaths.Configuration} first.", path);
        }
    }

    [Fact]
    public async Task LoadBenchmark_TinyRun_EveryPatternAcknowledgesWithoutErrorsStoresWhatItAckedAndDrawsAChart()
    {
        using var directory = new TempDirectory("bench");
        var output = Path.Combine(directory.Path, "results");

        await using var bench = ManagedProcess.StartDotnet("bench", BenchmarkDll,
            ["--sensors", "2", "--seconds", "1", "--batch-sizes", "100", "--rounds", "2", "--no-half-load", "--out", output, "--collector-dll", RepoPaths.CollectorDll],
            directory.Path);

        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var runs = results.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(
            ["ceiling 1", "ceiling 2", "full 1", "full 2", "naive 1"],
            runs.Select(r => $"{r.GetProperty("pattern").GetString()} {r.GetProperty("round").GetInt32()}").Order());
        foreach (var run in runs)
        {
            var name = run.GetProperty("name").GetString();
            Assert.True(run.GetProperty("readingsAcked").GetInt64() > 0, $"{name} acknowledged nothing in its measured interval:\n" + bench.Output);
            Assert.True(run.GetProperty("totalReadingsAcked").GetInt64() > 0, $"{name} acknowledged nothing:\n" + bench.Output);
            Assert.Empty(run.GetProperty("errors").EnumerateObject());
            Assert.Equal(0, run.GetProperty("duplicateBatches").GetInt64());
            Assert.Equal(0, run.GetProperty("rejectedBatches").GetInt64());
            Assert.Equal(0, run.GetProperty("gaps").GetInt64());
            Assert.Equal(JsonValueKind.Null, run.GetProperty("failure").ValueKind);
            Assert.Equal(JsonValueKind.Null, run.GetProperty("problem").ValueKind);
            Assert.True(run.GetProperty("latency").GetProperty("samples").GetInt64() > 0, $"{name} has no latency samples");
        }

        foreach (var stored in runs.Where(r => r.GetProperty("pattern").GetString() != "ceiling"))
        {
            var storage = stored.GetProperty("storage");
            Assert.True(storage.GetProperty("passed").GetBoolean(), storage.GetProperty("detail").GetString());
            Assert.Equal(2, storage.GetProperty("sensors").GetInt32());
            Assert.Equal(stored.GetProperty("totalReadingsAcked").GetInt64(), storage.GetProperty("ackedReadings").GetInt64());
            Assert.Equal(
                storage.GetProperty("ackedReadings").GetInt64() + storage.GetProperty("storedNotAcknowledgedReadings").GetInt64(),
                storage.GetProperty("storedReadings").GetInt64());
        }

        Assert.All(
            runs.Where(r => r.GetProperty("pattern").GetString() == "ceiling"),
            ceiling => Assert.Equal(JsonValueKind.Null, ceiling.GetProperty("storage").ValueKind));
        Assert.False(Directory.Exists(Path.Combine(output, "storage")), "the collectors' storage was left behind");

        var chart = await File.ReadAllBytesAsync(Path.Combine(output, "throughput.png"));
        Assert.True(chart.Length > PngSignature.Length, "throughput.png is empty");
        Assert.Equal(PngSignature, chart[..PngSignature.Length]);
        Assert.Contains(bench.Lines, line => line.StartsWith("| full | SQLite | 100 |", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "results.md")));
    }
}
