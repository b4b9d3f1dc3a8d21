using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Tests.CommandLine;

public sealed class BenchmarkCommandLineTests
{
    private static async Task<(int ExitCode, BenchmarkSettings? Settings, string Error)> InvokeAsync(params string[] args)
    {
        BenchmarkSettings? seen = null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await BenchmarkCommandLine.InvokeAsync(args, (settings, _) =>
        {
            seen = settings;
            return Task.FromResult(ExitCodes.Success);
        }, output, error, CancellationToken.None);
        return (exitCode, seen, error.ToString());
    }

    [Fact]
    public async Task InvokeAsync_NoOptions_RunsWithTheDefaults()
    {
        var (exitCode, settings, _) = await InvokeAsync();

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.NotNull(settings);
        Assert.Equal(20, settings.Sensors);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Duration);
        Assert.Equal([10, 100, 1000], settings.BatchSizes);
        Assert.Equal(3, settings.Rounds);
        Assert.Equal(50, settings.WindowBatches);
        Assert.Equal(5, settings.HalfLoadWindowBatches);
        Assert.Equal([LoadPattern.Naive, LoadPattern.Ceiling, LoadPattern.Full], settings.Patterns);
        Assert.Equal([StorageEngine.Sqlite], settings.Engines);
        Assert.Equal([1, 2], settings.PostgresCollectors);
        Assert.True(settings.HalfLoad);
        Assert.False(settings.Scale);
        Assert.Equal(10_000, settings.ScaleSensors);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.ScaleDuration);
        Assert.Equal("bench-results", settings.OutputDirectory);
        Assert.Equal(Path.Combine("bench-results", "storage"), settings.StorageRoot);
        Assert.EndsWith(Path.Combine("Collector", "bin", "Release", "net10.0", "Ingest.Collector.dll"), settings.CollectorDll, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_EveryOption_SetsItsSetting()
    {
        var (_, settings, _) = await InvokeAsync(
            "--sensors", "4", "--seconds", "3", "--batch-sizes", "1000, 10", "--rounds", "5", "--window-batches", "5", "--half-load-window-batches", "2", "--patterns", "FULL,naive",
            "--no-half-load", "--scale", "--scale-sensors", "200", "--scale-seconds", "7", "--out", "/tmp/x", "--storage-dir", "/data/bench", "--collector-dll", "c.dll");

        Assert.NotNull(settings);
        Assert.Equal(4, settings.Sensors);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.Duration);
        Assert.Equal([10, 1000], settings.BatchSizes);
        Assert.Equal(5, settings.Rounds);
        Assert.Equal(5, settings.WindowBatches);
        Assert.Equal(2, settings.HalfLoadWindowBatches);
        Assert.Equal([LoadPattern.Naive, LoadPattern.Full], settings.Patterns);
        Assert.False(settings.HalfLoad);
        Assert.True(settings.Scale);
        Assert.Equal(200, settings.ScaleSensors);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.ScaleDuration);
        Assert.Equal("/tmp/x", settings.OutputDirectory);
        Assert.Equal("/data/bench", settings.StorageRoot);
        Assert.Equal("c.dll", settings.CollectorDll);
    }

    [Fact]
    public async Task InvokeAsync_EnginesAndCollectors_SetTheStorageOfTheFullRuns()
    {
        var (exitCode, settings, _) = await InvokeAsync("--engines", "Postgres, sqlite", "--collectors", "2,1,2");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal([StorageEngine.Sqlite, StorageEngine.Postgres], settings!.Engines);
        Assert.Equal([1, 2], settings.PostgresCollectors);
    }

    [Fact]
    public async Task InvokeAsync_PostgresWithout1000ReadingBatches_FailsWithoutRunning()
    {
        var (exitCode, settings, error) = await InvokeAsync("--engines", "postgres", "--batch-sizes", "10,100");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Null(settings);
        Assert.Contains("--engines postgres runs with 1,000-reading batches only: add 1000 to --batch-sizes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_OutWithoutStorageDir_PutsStorageUnderTheOutputDirectory()
    {
        var (_, settings, _) = await InvokeAsync("--out", "/data/results");

        Assert.Equal(Path.Combine("/data/results", "storage"), settings!.StorageRoot);
    }

    [Fact]
    public async Task InvokeAsync_HalfLoadFalse_TurnsTheHalfLoadRunOff()
    {
        var (_, settings, _) = await InvokeAsync("--half-load", "false");

        Assert.False(settings!.HalfLoad);
    }

    [Theory]
    [InlineData("--batch-sizes", "10,0", "'0' is not a whole number from 1 to 10000")]
    [InlineData("--batch-sizes", "10,20000", "'20000' is not a whole number from 1 to 10000")]
    [InlineData("--batch-sizes", "ten", "'ten' is not a whole number")]
    [InlineData("--patterns", "full,fast", "'fast' is not one of naive, ceiling, full")]
    [InlineData("--patterns", "1", "'1' is not one of naive, ceiling, full")]
    [InlineData("--sensors", "0", "--sensors must be at least 1")]
    [InlineData("--seconds", "-1", "--seconds must be at least 1")]
    [InlineData("--half-load-window-batches", "0", "--half-load-window-batches must be at least 1")]
    [InlineData("--rounds", "0", "--rounds must be at least 1")]
    [InlineData("--engines", "sqlite,mysql", "'mysql' is not one of sqlite, postgres")]
    [InlineData("--engines", "1", "'1' is not one of sqlite, postgres")]
    [InlineData("--collectors", "0", "'0' is not a whole number from 1 to 8")]
    [InlineData("--collectors", "1,9", "'9' is not a whole number from 1 to 8")]
    public async Task InvokeAsync_BadValue_FailsNamingTheOptionWithoutRunning(string option, string value, string message)
    {
        var (exitCode, settings, error) = await InvokeAsync(option, value);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Null(settings);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_FleetOptions_BecomeTheFleetSettings()
    {
        var (exitCode, settings, error) = await InvokeAsync(
            "--fleet", "5000,1000", "--fleet-seconds", "20", "--tls", "--fleet-connect-rate", "300", "--fleet-sensors-per-worker", "2500", "--fleet-restart",
            "--collector-arg=--Collector:Connections:MaxConnections=5000", "--collector-env", "DOTNET_GCgen0size=0x4000000");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.NotNull(settings);
        Assert.Equal([1000, 5000], settings.Fleet);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.FleetDuration);
        Assert.True(settings.FleetTls);
        Assert.Equal(300, settings.FleetConnectPerSecond);
        Assert.Equal(2500, settings.FleetSensorsPerWorker);
        Assert.True(settings.FleetRestart);
        Assert.Equal(["--Collector:Connections:MaxConnections=5000"], settings.CollectorArguments);
        Assert.Equal("0x4000000", settings.CollectorEnvironment["DOTNET_GCgen0size"]);
        Assert.Empty(error);
    }

    [Fact]
    public async Task InvokeAsync_WithoutFleetRestart_DoesNotRestartTheCollector()
    {
        var (_, settings, _) = await InvokeAsync("--fleet", "300");

        Assert.NotNull(settings);
        Assert.False(settings.FleetRestart);
    }

    [Fact]
    public async Task InvokeAsync_Help_ListsFleetRestart()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await BenchmarkCommandLine.InvokeAsync(["--help"], (_, _) => Task.FromResult(ExitCodes.Success), output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("--fleet-restart", output.ToString(), StringComparison.Ordinal);
    }
}
