using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The simulator is killed and started again at once while the killed process's batches still wait in the collector's
/// commit queue behind a slow disk (every commit takes 3 s): the new process greets before they are stored.
/// </summary>
public sealed class SensorRestartRaceFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;


    [Fact]
    public async Task SensorRestartedWhileItsBatchesAreStillQueued_ItsNewReadingsAreStoredAndNoneIsTakenForADuplicate()
    {
        using var directory = new TempDirectory("sensor-restart-race");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync(
            "collector", "--Collector:Chaos:Enabled=true", "--Collector:Chaos:Commit:LatencyRate=1", "--Collector:Chaos:Commit:Latency=00:00:03");

        await using (var first = pipeline.StartSimulator("simulator-1", Sensors, TimeSpan.FromMinutes(5)))
        {
            await Eventually.UntilAsync(() => pipeline.Stored.BySensor() is { Count: Sensors } stored && stored.Values.All(s => s.MaxSequence >= 3),
                "every sensor has stored three batches", TimeSpan.FromSeconds(90), poll: TimeSpan.FromMilliseconds(100));
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        var storedAtKill = pipeline.Stored.BySensor();
        await using var second = pipeline.StartSimulator(
            "simulator-2", Sensors, TimeSpan.FromSeconds(10), ResumePoints.LoggedSetting, "--Simulator:ShutdownTimeout=00:01:30");
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(180)));

        var ledger = LedgerAssert.Accounted(second, pipeline.LedgerPath);
        Assert.Equal(0, ledger.Totals.Unacked);
        Assert.Equal(0, pipeline.Stored.DuplicatedPairs());

        // The greeting waited for the killed process's queued batches: the new process resumed after all of them.
        LedgerAssert.ResumedExactly(ledger, second, pipeline.Stored, storedAtKill, output.WriteLine);

        directory.Keep = false;
    }
}
