using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>The collector is killed with SIGKILL while sensors stream to it, then restarted.</summary>
public sealed class CollectorCrashTests(ITestOutputHelper output)
{
    /// <summary>Long enough for the simulator to flush through a collector restart.</summary>
    private const string FlushTimeout = "--Simulator:ShutdownTimeout=00:01:00";

    [Fact]
    public async Task CollectorKilledMidRunAndRestarted_EveryAcknowledgedReadingIsStoredExactlyOnce()
    {
        using var directory = new TempDirectory("crash");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        const int sensors = 20;

        var first = await pipeline.StartCollectorAsync("collector-1");
        await using var simulator = pipeline.StartSimulator(sensors, TimeSpan.FromSeconds(20));
        await Eventually.UntilAsync(() => pipeline.Stored.TotalReadings() >= 10_000, "10,000 readings are stored", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));

        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var storedAtKill = pipeline.Stored.TotalReadings();
        await first.DisposeAsync();
        await using var second = await pipeline.StartCollectorAsync("collector-2");

        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, sensors);
        output.WriteLine($"stored when SIGKILLed: {storedAtKill}; {LedgerFigures.Of(ledger, pipeline.Stored)}");
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the kill was not felt");
        directory.Keep = false;
    }

    [Fact]
    public async Task CollectorKilledRepeatedlyUnderLoad_SimulatorAndDashboardReconnectByThemselvesAndNothingIsLost()
    {
        using var directory = new TempDirectory("crash-repeated");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        const int sensors = 50;
        const int kills = 3;

        var collector = await pipeline.StartCollectorAsync("collector-0");
        await using var simulator = pipeline.StartSimulator(sensors, TimeSpan.FromSeconds(60), FlushTimeout);
        await using var dashboard = pipeline.StartDashboard("dashboard-json", "--json");
        try
        {
            await dashboard.WaitForLineAsync(IsSnapshotComplete, TimeSpan.FromSeconds(60));
            var progress = new Dictionary<string, long>(StringComparer.Ordinal);
            var dashboardLinesAtRestart = 0;
            for (var kill = 1; kill <= kills; kill++)
            {
                // Between kills every sensor gets readings through: the collector was restarted under load.
                var before = progress;
                await Eventually.UntilAsync(
                    () => StoredBySensor(pipeline) is var now && now.Count == sensors && now.All(pair => pair.Value > before.GetValueOrDefault(pair.Key)),
                    "every sensor stores more readings", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));
                Assert.False(simulator.HasExited, $"the simulator finished before kill {kill}; lengthen its run");

                collector.Kill();
                await collector.WaitForExitAsync(TimeSpan.FromSeconds(10));
                await collector.DisposeAsync();
                progress = StoredBySensor(pipeline);
                output.WriteLine($"kill {kill}: {progress.Values.Sum()} readings stored");
                collector = await pipeline.StartCollectorAsync($"collector-{kill}");
                dashboardLinesAtRestart = dashboard.Lines.Count;
            }

            // The dashboard shows fresh data from the last collector without being told to reconnect.
            await Eventually.UntilAsync(
                () => dashboard.Lines.Skip(dashboardLinesAtRestart).Any(IsSnapshotComplete) && dashboard.Lines.Skip(dashboardLinesAtRestart).Any(IsWindow),
                "the dashboard subscribed to the restarted collector and prints its windows", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));
            Assert.False(dashboard.HasExited, "the dashboard gave up:\n" + dashboard.Output);

            Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(180)));
            collector.Terminate();
            Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            await collector.DisposeAsync();
        }

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, sensors);
        output.WriteLine(LedgerFigures.Of(ledger, pipeline.Stored).ToString());
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the kills were not felt");
        directory.Keep = false;
    }

    private static Dictionary<string, long> StoredBySensor(Pipeline pipeline) =>
        pipeline.Stored.TotalReadings() == 0
            ? []
            : pipeline.Stored.BySensor().ToDictionary(pair => pair.Key, pair => pair.Value.Readings, StringComparer.Ordinal);

    private static bool IsSnapshotComplete(string line) => line.Contains("\"type\":\"snapshot_complete\"", StringComparison.Ordinal);

    private static bool IsWindow(string line) => line.Contains("\"type\":\"window\"", StringComparison.Ordinal);
}
