using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>The collector is killed with SIGKILL while sensors stream to it, then restarted.</summary>
public sealed class CollectorCrashTests(ITestOutputHelper output)
{
    /// <summary>Long enough for the simulator to flush through a collector restart.</summary>
    private const string FlushTimeout = "--Simulator:ShutdownTimeout=00:01:00";

    /// <summary>Readings each sensor stores through a restarted collector for the fleet to count as recovered.</summary>
    private const long RecoveryReadings = 300;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Long enough for the simulator's flush (<see cref="FlushTimeout"/>) and its exit.</summary>
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task CollectorKilledMidRunAndRestarted_EveryAcknowledgedReadingIsStoredExactlyOnce()
    {
        using var directory = new TempDirectory("crash");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        const int sensors = 20;

        var first = await pipeline.StartCollectorAsync("collector-1");
        await using var simulator = pipeline.StartSimulatorUntilStopped(sensors, FlushTimeout);
        await pipeline.EverySensorStoresMoreAsync(sensors, RecoveryReadings, "every sensor stores readings", Deadline);

        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var storedAtKill = pipeline.Stored.TotalReadings();
        await first.DisposeAsync();
        await using var second = await pipeline.StartCollectorAsync("collector-2");
        await pipeline.EverySensorStoresMoreAsync(sensors, RecoveryReadings, "every sensor stores through the restarted collector", Deadline);

        Assert.Equal(0, await simulator.StopAsync(StopDeadline));
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
        await using var simulator = pipeline.StartSimulatorUntilStopped(sensors, FlushTimeout);
        await using var dashboard = pipeline.StartDashboard("dashboard-json", "--json");
        try
        {
            await dashboard.WaitForLineAsync(IsSnapshotComplete, Deadline);
            var dashboardLinesAtRestart = 0;
            for (var kill = 1; kill <= kills; kill++)
            {
                // Between kills every sensor gets readings through: the collector was restarted under load.
                await pipeline.EverySensorStoresMoreAsync(sensors, RecoveryReadings, $"every sensor stores more readings before kill {kill}", Deadline);

                collector.Kill();
                await collector.WaitForExitAsync(TimeSpan.FromSeconds(10));
                await collector.DisposeAsync();
                output.WriteLine($"kill {kill}: {pipeline.Stored.TotalReadings()} readings stored");
                collector = await pipeline.StartCollectorAsync($"collector-{kill}");
                dashboardLinesAtRestart = dashboard.Lines.Count;
            }

            // Every sensor gets through to the last collector, and the dashboard shows its fresh data without being
            // told to reconnect.
            await pipeline.EverySensorStoresMoreAsync(sensors, RecoveryReadings, "every sensor stores through the last collector", Deadline);
            await Eventually.UntilAsync(
                () => dashboard.Lines.Skip(dashboardLinesAtRestart).Any(IsSnapshotComplete) && dashboard.Lines.Skip(dashboardLinesAtRestart).Any(IsWindow),
                "the dashboard subscribed to the restarted collector and prints its windows", Deadline, poll: TimeSpan.FromMilliseconds(100));
            Assert.False(dashboard.HasExited, "the dashboard gave up:\n" + dashboard.Output);

            Assert.Equal(0, await simulator.StopAsync(StopDeadline));
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

    private static bool IsSnapshotComplete(string line) => line.Contains("\"type\":\"snapshot_complete\"", StringComparison.Ordinal);

    private static bool IsWindow(string line) => line.Contains("\"type\":\"window\"", StringComparison.Ordinal);
}
