using System.Text.Json;
using Ingest.EndToEnd.Tests.Infrastructure;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The fleet benchmark (./bench.sh --fleet) end to end, in a CI-sized run: a few hundred sensors, each on its own
/// connection, split over two generator processes; the report says all connected, acknowledged readings without errors,
/// storage holds what every sensor was acknowledged, and the figures are there; with --fleet-restart the collector is restarted
/// under the fleet and every sensor comes back, storage over both of its lives holding every ack. How fast is not asserted.
/// </summary>
public sealed class FleetBenchmarkSmokeTests
{
    private const int Sensors = 300;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static string BenchmarkDll
    {
        get
        {
            var path = Path.Combine(RepoPaths.Root, "bench", "LoadBenchmark", "bin", RepoPaths.Configuration, "net10.0", "Ingest.LoadBenchmark.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Ingest.LoadBenchmark is not built; build Ingest.sln in {RepoPaths.Configuration} first.", path);
        }
    }

    private static ManagedProcess StartBenchmark(TempDirectory directory, string output, params string[] options) =>
        ManagedProcess.StartDotnet("bench", BenchmarkDll,
            ["--fleet", Sensors.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fleet-seconds", "6", "--fleet-sensors-per-worker", "150",
                "--out", output, "--collector-dll", RepoPaths.CollectorDll, .. options],
            directory.Path);

    [Fact]
    public async Task FleetBenchmark_SmallFleet_EverySensorConnectsOnItsOwnConnectionAndStorageHoldsEveryAck()
    {
        using var directory = new TempDirectory("fleet");
        var output = Path.Combine(directory.Path, "results");

        await using var bench = StartBenchmark(directory, output);

        // The window is longer than a stream (5 batches, one a second), so that every sensor's ack can land in it.
        var exitCode = await bench.WaitForExitAsync(TimeSpan.FromSeconds(240));
        Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:\n" + bench.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "fleet.json")));
        var result = Assert.Single(report.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(Sensors, result.GetProperty("sensors").GetInt32());
        Assert.Equal(2, result.GetProperty("workers").GetInt32());
        Assert.Equal(Sensors, result.GetProperty("connected").GetInt64());
        Assert.Equal(JsonValueKind.Number, result.GetProperty("connectSeconds").ValueKind);
        Assert.True(result.GetProperty("readingsAcked").GetInt64() > 0, "nothing acknowledged in the window:\n" + bench.Output);
        Assert.True(result.GetProperty("batchesAcked").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("failure").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("problem").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("storm").ValueKind);
        Assert.Empty(result.GetProperty("errors").EnumerateObject());
        Assert.True(result.GetProperty("collectorSteadyRssBytes").GetInt64() > 0);
        Assert.True(result.GetProperty("collectorPeakRssBytes").GetInt64() >= result.GetProperty("collectorSteadyRssBytes").GetInt64());
        Assert.True(result.GetProperty("collectorCpuPercentOfCore").GetDouble() > 0);
        Assert.True(result.GetProperty("generatorCpuPercentOfCore").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Number, result.GetProperty("gcPauseShare").ValueKind);
        Assert.True(result.GetProperty("allocatedBytesPerBatch").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(result.GetProperty("loadAverageAtStart").GetString()));

        var storage = result.GetProperty("storage");
        Assert.True(storage.GetProperty("passed").GetBoolean(), storage.GetProperty("detail").GetString());
        Assert.Equal(Sensors, storage.GetProperty("sensors").GetInt32());
        Assert.True(storage.GetProperty("ackedBatches").GetInt64() >= Sensors, "some sensor was never acknowledged");

        var chart = await File.ReadAllBytesAsync(Path.Combine(output, "fleet.png"));
        Assert.Equal(PngSignature, chart[..PngSignature.Length]);
        Assert.Contains(bench.Lines, line => line.StartsWith($"| {Sensors} | no | {Sensors} |", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(output, "storage")) && Directory.EnumerateFileSystemEntries(Path.Combine(output, "storage")).Any(), "the run's storage was left behind");
    }

    [Fact]
    public async Task FleetBenchmark_CollectorRestartedUnderTheFleet_EverySensorComesBackAndStorageOverBothLivesHoldsEveryAck()
    {
        using var directory = new TempDirectory("fleet-restart");
        var output = Path.Combine(directory.Path, "results");

        await using var bench = StartBenchmark(directory, output, "--fleet-restart");

        // The storm is watched for at most 120 s after the window.
        var exitCode = await bench.WaitForExitAsync(TimeSpan.FromSeconds(360));
        Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:\n" + bench.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "fleet.json")));
        var result = Assert.Single(report.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("problem").ValueKind);

        var storm = result.GetProperty("storm");
        Assert.Equal(JsonValueKind.Null, storm.GetProperty("failure").ValueKind);
        Assert.Equal(Sensors, storm.GetProperty("welcomed").GetInt64());
        Assert.Equal(Sensors, storm.GetProperty("acked").GetInt64());
        Assert.Equal(JsonValueKind.Number, storm.GetProperty("allWelcomedSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Number, storm.GetProperty("allAckedSeconds").ValueKind);
        Assert.True(storm.GetProperty("stopSeconds").GetDouble() > 0);
        Assert.True(storm.GetProperty("listeningSeconds").GetDouble() > storm.GetProperty("stopSeconds").GetDouble());
        Assert.True(storm.GetProperty("peakRssBytes").GetInt64() > 0);
        Assert.True(storm.GetProperty("cpuPercentOfCore").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Object, storm.GetProperty("refusals").ValueKind);

        // The sensors' streams ended under them: the generators counted the failed calls of the storm.
        Assert.NotEmpty(storm.GetProperty("errors").EnumerateObject());

        var storage = result.GetProperty("storage");
        Assert.True(storage.GetProperty("passed").GetBoolean(), storage.GetProperty("detail").GetString());
        Assert.Equal(Sensors, storage.GetProperty("sensors").GetInt32());
        Assert.Contains(bench.Lines, line => line.StartsWith($"- {Sensors} sensors: back within 60 s: ", StringComparison.Ordinal));
    }
}
