using System.Globalization;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The soak: sensors stream while the collector is SIGKILLed and restarted on a schedule; then the simulator
/// drains and the ledger must hold exactly once. Short by default; see <see cref="SoakSettings"/> for the full run.
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper output)
{
    /// <summary>Readings each sensor stores through the last collector for the fleet to count as recovered.</summary>
    private const long RecoveryReadings = 300;

    [Fact]
    public async Task Soak_CollectorKilledOnAScheduleUnderLoad_EveryAcknowledgedReadingIsStoredExactlyOnce()
    {
        var settings = SoakSettings.FromEnvironment();
        using var directory = new TempDirectory("soak");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        var time = TimeProvider.System;
        var startedAt = time.GetUtcNow();

        var collector = await pipeline.StartCollectorAsync("collector-0");
        var faults = new List<SoakFault>();
        await using var simulator = pipeline.StartSimulatorUntilStopped(settings.Sensors, "--Simulator:ShutdownTimeout=00:02:00");
        var started = time.GetTimestamp();
        try
        {
            using var schedule = new PeriodicTimer(settings.KillEvery, time);
            for (var kill = 1; kill <= settings.Kills && await schedule.WaitForNextTickAsync(); kill++)
            {
                Assert.False(simulator.HasExited, $"the simulator stopped before kill {kill}:\n{simulator.Output}");
                var at = time.GetElapsedTime(started);
                collector.Kill();
                await collector.WaitForExitAsync(TimeSpan.FromSeconds(10));
                await collector.DisposeAsync();
                var storedAtKill = pipeline.Stored.TotalReadings();
                collector = await pipeline.StartCollectorAsync(string.Create(CultureInfo.InvariantCulture, $"collector-{kill}"));
                faults.Add(new SoakFault(kill, at, storedAtKill, time.GetElapsedTime(started) - at));
            }

            // The simulator samples for the whole duration, and at least until every sensor got through to the last
            // collector, however long the kills took on a loaded machine; then SIGTERM makes it flush and write its ledger.
            var left = settings.Duration - time.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, time);
            }

            await pipeline.EverySensorStoresMoreAsync(
                settings.Sensors, RecoveryReadings, "every sensor stores through the last collector", TimeSpan.FromMinutes(2));
            Assert.Equal(0, await simulator.StopAsync(TimeSpan.FromMinutes(3)));
            collector.Terminate();
            Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            await collector.DisposeAsync();
        }

        var ledger = SimulatorLedger.Read(pipeline.LedgerPath);
        var figures = LedgerFigures.Of(ledger, pipeline.Stored);
        var report = SoakReport.Render(settings, faults, figures, time.GetElapsedTime(started), startedAt);
        var reports = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "soak")).FullName;
        var path = Path.Combine(reports, string.Create(CultureInfo.InvariantCulture, $"report-{startedAt:yyyyMMdd-HHmmss}.md"));
        await File.WriteAllTextAsync(path, report);
        output.WriteLine(path);
        output.WriteLine(report);

        Assert.True(figures.Holds, "the soak's verdict is FAIL:\n" + report);
        Assert.Equal(settings.Kills, faults.Count);
        LedgerAssert.ExactlyOnce(simulator, pipeline, settings.Sensors);
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the kills were not felt");
        directory.Keep = false;
    }
}
