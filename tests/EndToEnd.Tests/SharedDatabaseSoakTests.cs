using System.Globalization;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The soak on several collectors sharing one PostgreSQL database: the simulator is given every collector's address;
/// the collectors are SIGKILLed in turn on a schedule — each stays down until every sensor has stored more through the
/// others (its sensors failed over), then starts again — and the simulator (which keeps a spool) is SIGKILLed and
/// started again between those kills. The ledger must hold exactly once across all of it. Short by default; the
/// <see cref="SoakSettings"/> variables, and <c>INGEST_SOAK_COLLECTORS</c> (default 3), select a longer one.
/// </summary>
[Trait("Category", "Soak")]
[Collection(PostgresCollection.Name)]
public sealed class SharedDatabaseSoakTests(PostgresServer server, ITestOutputHelper output)
{
    /// <summary>Readings each sensor stores through the other collectors for a collector's sensors to count as failed over.</summary>
    private const long FailoverReadings = 100;

    /// <summary>Readings each sensor stores through the last collectors for the fleet to count as recovered at the end.</summary>
    private const long RecoveryReadings = 300;

    [Fact]
    public async Task Soak_CollectorsOnOneDatabaseKilledInTurnAndTheSimulatorOnce_SensorsFailOverAndEveryAcknowledgedReadingIsStoredExactlyOnce()
    {
        var settings = SoakSettings.FromEnvironment();
        var collectorCount = int.Parse(Environment.GetEnvironmentVariable("INGEST_SOAK_COLLECTORS") is { Length: > 0 } text ? text : "3", CultureInfo.InvariantCulture);
        Assert.True(collectorCount >= 2, $"INGEST_SOAK_COLLECTORS={collectorCount}: sensors fail over only between two collectors or more");
        using var directory = new TempDirectory("soak-postgres");
        directory.Keep = true;
        var pipeline = await SharedDatabasePipeline.CreateAsync(server, directory, collectorCount);
        var time = TimeProvider.System;
        var startedAt = time.GetUtcNow();

        // Sensors come back to their home collector 10 s after a move, so that a restarted collector serves again.
        string[] simulatorSettings =
        [
            "--Simulator:ShutdownTimeout=00:02:00",
            $"--Simulator:Spool:Path={directory.File("spool")}",
            "--Simulator:Failover:ReturnHomeAfter=00:00:10",
        ];

        var collectors = new ManagedProcess[collectorCount];
        for (var i = 0; i < collectorCount; i++)
        {
            collectors[i] = await pipeline.StartCollectorAsync(i, $"collector-{i + 1}");
        }

        var faults = new List<SoakFault>();
        var simulator = pipeline.StartSimulatorUntilStopped("simulator", settings.Sensors, simulatorSettings);
        var started = time.GetTimestamp();
        var collectorKills = 0;
        try
        {
            await pipeline.EverySensorStoresMoreAsync(settings.Sensors, 1, "every sensor stores its first batch", TimeSpan.FromMinutes(1));
            foreach (var (due, process) in settings.Schedule())
            {
                var wait = due - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                }

                Assert.False(simulator.HasExited, $"the simulator stopped before kill {faults.Count + 1}:\n{simulator.Output}");
                var at = time.GetElapsedTime(started);
                var name = string.Create(CultureInfo.InvariantCulture, $"{process}-{faults.Count + 1}");
                if (process == "collector")
                {
                    var victim = collectorKills++ % collectorCount;
                    collectors[victim].Kill();
                    await collectors[victim].WaitForExitAsync(TimeSpan.FromSeconds(10));
                    await collectors[victim].DisposeAsync();
                    var storedAtKill = pipeline.Stored.TotalReadings();
                    var failedOver = await pipeline.EverySensorStoresMoreAsync(
                        settings.Sensors, FailoverReadings, $"every sensor stores through the collectors left after killing collector {victim + 1}", TimeSpan.FromMinutes(2));
                    var restarting = time.GetTimestamp();
                    collectors[victim] = await pipeline.StartCollectorAsync(victim, $"{name}-as-{victim + 1}");
                    faults.Add(new SoakFault(faults.Count + 1, $"collector {victim + 1}", at, storedAtKill, time.GetElapsedTime(restarting), failedOver));
                }
                else
                {
                    simulator.Kill();
                    await simulator.WaitForExitAsync(TimeSpan.FromSeconds(10));
                    await simulator.DisposeAsync();
                    var storedAtKill = pipeline.Stored.TotalReadings();
                    simulator = pipeline.StartSimulatorUntilStopped(name, settings.Sensors, simulatorSettings);
                    faults.Add(new SoakFault(faults.Count + 1, process, at, storedAtKill, time.GetElapsedTime(started) - at));
                }
            }

            var left = settings.Duration - time.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, time);
            }

            await pipeline.EverySensorStoresMoreAsync(
                settings.Sensors, RecoveryReadings, "every sensor stores through the last collectors", TimeSpan.FromMinutes(2));
            Assert.Equal(0, await simulator.StopAsync(TimeSpan.FromMinutes(3)));
            foreach (var collector in collectors)
            {
                collector.Terminate();
                Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            }
        }
        finally
        {
            await simulator.DisposeAsync();
            foreach (var collector in collectors)
            {
                await collector.DisposeAsync();
            }
        }

        var ledger = await SoakVerdict.AssertExactlyOnceAsync(
            simulator, pipeline.LedgerPath, pipeline.Stored, settings, faults, time.GetElapsedTime(started), startedAt, "postgres-",
            string.Create(CultureInfo.InvariantCulture, $"{collectorCount} collectors on one PostgreSQL database, the simulator given every address"), output);
        Assert.True(ledger.Totals.Failovers > 0, "no sensor failed over, so the collectors' kills were not felt");
        directory.Keep = false;
    }
}
