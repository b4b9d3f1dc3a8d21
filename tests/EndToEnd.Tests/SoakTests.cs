using System.Globalization;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The soak: sensors stream while the collector is SIGKILLed and restarted on a schedule, and between those kills the
/// simulator (which keeps a spool) is SIGKILLed and started again; then the last simulator drains and the ledger must
/// hold exactly once. Short by default; see <see cref="SoakSettings"/> for the full run.
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper output)
{
    /// <summary>Readings each sensor stores through the last collector for the fleet to count as recovered.</summary>
    private const long RecoveryReadings = 300;

    [Fact]
    public async Task Soak_CollectorAndSimulatorKilledOnAScheduleUnderLoad_EveryAcknowledgedReadingIsStoredExactlyOnce()
    {
        var settings = SoakSettings.FromEnvironment();
        using var directory = new TempDirectory("soak");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        var time = TimeProvider.System;
        var startedAt = time.GetUtcNow();
        string[] simulatorSettings = ["--Simulator:ShutdownTimeout=00:02:00", $"--Simulator:Spool:Path={directory.File("spool")}"];

        var collector = await pipeline.StartCollectorAsync("collector-0");
        var faults = new List<SoakFault>();
        var simulator = pipeline.StartSimulatorUntilStopped(settings.Sensors, simulatorSettings);
        var started = time.GetTimestamp();
        try
        {
            foreach (var (due, process) in settings.Schedule())
            {
                var wait = due - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                }

                Assert.False(simulator.HasExited, $"the simulator stopped before kill {faults.Count + 1}:\n{simulator.Output}");
                var at = time.GetElapsedTime(started);
                var victim = process == "collector" ? collector : simulator;
                victim.Kill();
                await victim.WaitForExitAsync(TimeSpan.FromSeconds(10));
                await victim.DisposeAsync();
                var storedAtKill = pipeline.Stored.TotalReadings();
                var name = string.Create(CultureInfo.InvariantCulture, $"{process}-{faults.Count + 1}");
                if (process == "collector")
                {
                    collector = await pipeline.StartCollectorAsync(name);
                }
                else
                {
                    simulator = pipeline.StartSimulatorUntilStopped(name, settings.Sensors, simulatorSettings);
                }

                faults.Add(new SoakFault(faults.Count + 1, process, at, storedAtKill, time.GetElapsedTime(started) - at));
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
            await simulator.DisposeAsync();
            await collector.DisposeAsync();
        }

        var ledger = await SoakVerdict.AssertExactlyOnceAsync(
            simulator, pipeline.LedgerPath, pipeline.Stored, settings, faults, time.GetElapsedTime(started), startedAt, "", "one collector on SQLite", output);
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the collector's kills were not felt");
        directory.Keep = false;
    }
}
