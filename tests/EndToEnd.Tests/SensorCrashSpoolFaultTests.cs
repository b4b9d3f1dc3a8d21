using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The simulator keeps its sealed batches in a spool and is killed with SIGKILL while batches are unacknowledged; the
/// next process on the same spool resends them with their original sequences, or, when the spool keeps no readings,
/// reports them lost so that the collector records the loss.
/// </summary>
public sealed class SensorCrashSpoolFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;

    [Fact]
    public async Task SensorProcessKilledWithASpool_TheNextProcessResendsEverySealedBatch_AndNothingIsLostOrStoredTwice()
    {
        using var directory = new TempDirectory("sensor-crash-spool");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        var spool = $"--Simulator:Spool:Path={directory.File("spool")}";
        await using var collector = await pipeline.StartCollectorAsync();

        // Upload windows of 50 batches or 5 s: when the process dies, several sealed batches of every sensor are unacknowledged.
        await using (var first = pipeline.StartSimulator("simulator-1", Sensors, TimeSpan.FromMinutes(5), spool))
        {
            await Eventually.UntilAsync(() => pipeline.Stored.BySensor() is { Count: Sensors } stored && stored.Values.All(s => s.MaxSequence >= 10),
                "every sensor has stored ten batches", TimeSpan.FromSeconds(90), poll: TimeSpan.FromMilliseconds(100));
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        var storedAtKill = pipeline.Stored.BySensor();
        await using var second = pipeline.StartSimulator("simulator-2", Sensors, TimeSpan.FromSeconds(5), spool, "--Simulator:ShutdownTimeout=00:01:00");
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        var ledger = LedgerAssert.Accounted(second, pipeline.LedgerPath);
        output.WriteLine($"{LedgerFigures.Of(ledger, pipeline.Stored)}; recovered {ledger.Totals.Recovered} readings from the spool");
        Assert.Equal((0L, 0L, 0L, 0L), (ledger.Totals.Unacked, ledger.Totals.Lost, ledger.Totals.Dropped, ledger.Totals.Rejected));
        Assert.True(ledger.Totals.Recovered > 0, "the second process recovered nothing from the spool, so the kill lost nothing to recover");
        LedgerAssert.StoredOnceWithoutGaps(pipeline.Stored);

        // Every sequence from the first the second process held on was acknowledged to it, and is stored exactly so.
        var stored = pipeline.Stored.BySensor();
        var storedFromFirstHeld = pipeline.Stored.ReadingsFrom(ledger.Sensors.ToDictionary(s => s.SensorId, s => (long)s.FirstSequence, StringComparer.Ordinal));
        foreach (var sensor in ledger.Sensors)
        {
            var id = sensor.SensorId;
            output.WriteLine($"{id}: stored up to {storedAtKill[id].MaxSequence} at the kill; the second process held {sensor.FirstSequence}..{sensor.LastSequence}, recovered {sensor.Recovered} readings, acked {sensor.Acked}");
            Assert.True((long)sensor.FirstSequence <= storedAtKill[id].MaxSequence + 1, $"{id}: the second process started at {sensor.FirstSequence}, after a hole");
            Assert.Equal((long)sensor.LastSequence, stored[id].MaxSequence);
            Assert.Equal(sensor.Acked, storedFromFirstHeld[id]);
        }

        directory.Keep = false;
    }

    [Fact]
    public async Task SensorProcessKilledWithASpoolOfCountsOnly_TheNextProcessReportsWhatWasLost_AndTheCollectorRecordsIt()
    {
        using var directory = new TempDirectory("sensor-crash-counts");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        string[] spool = [$"--Simulator:Spool:Path={directory.File("spool")}", "--Simulator:Spool:KeepReadings=false"];
        await using var collector = await pipeline.StartCollectorAsync();

        await using (var first = pipeline.StartSimulator("simulator-1", Sensors, TimeSpan.FromMinutes(5), spool))
        {
            await Eventually.UntilAsync(() => pipeline.Stored.BySensor() is { Count: Sensors } stored && stored.Values.All(s => s.MaxSequence >= 10),
                "every sensor has stored ten batches", TimeSpan.FromSeconds(90), poll: TimeSpan.FromMilliseconds(100));

            // The collector hangs, so the sensors seal batches they cannot get stored: those die with the process.
            collector.Freeze();
            var kept = SpoolBytes(directory);
            await Eventually.UntilAsync(() => SpoolBytes(directory) >= kept + (Sensors * 3 * 30),
                "the sensors kept three more batches each in the spool", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(100));
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
            collector.Thaw();
        }

        await using var second = pipeline.StartSimulator("simulator-2", Sensors, TimeSpan.FromSeconds(5), [.. spool, "--Simulator:ShutdownTimeout=00:01:00"]);
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        var ledger = LedgerAssert.Accounted(second, pipeline.LedgerPath);
        var lostBatches = pipeline.Stored.Sum("gaps", "last_sequence - first_sequence + 1");
        output.WriteLine($"{LedgerFigures.Of(ledger, pipeline.Stored)}; {lostBatches} batches recorded lost");
        Assert.Equal((0L, 0L, 0L), (ledger.Totals.Unacked, ledger.Totals.Dropped, ledger.Totals.Rejected));
        Assert.True(ledger.Totals.Lost > 0, "the second process reported nothing lost, although the kill left batches unacknowledged");
        Assert.True(lostBatches > 0, "the collector recorded no loss");
        Assert.Equal(0, pipeline.Stored.Count("gaps WHERE reason NOT LIKE 'reported lost by the sensor%'"));
        Assert.Equal(0, pipeline.Stored.DuplicatedPairs());

        // Every sequence of every sensor is stored or recorded lost, once: no loss is silent.
        var stored = pipeline.Stored.BySensor();
        foreach (var sensor in ledger.Sensors)
        {
            var chunks = stored[sensor.SensorId];
            var lost = pipeline.Stored.Sum($"gaps WHERE sensor_id = '{sensor.SensorId}'", "last_sequence - first_sequence + 1");
            Assert.Equal((long)sensor.LastSequence, chunks.MaxSequence);
            Assert.True(chunks.DistinctSequences + lost == chunks.MaxSequence, $"{sensor.SensorId}: {chunks.DistinctSequences} stored and {lost} lost of 1..{chunks.MaxSequence}");
            Assert.Equal(sensor.Acked, pipeline.Stored.ReadingsFrom(new Dictionary<string, long> { [sensor.SensorId] = Math.Max(1, (long)sensor.FirstSequence) })[sensor.SensorId]);
        }

        directory.Keep = false;
    }

    private static long SpoolBytes(TempDirectory directory) =>
        new DirectoryInfo(directory.File("spool")).EnumerateFiles("*.spool").Sum(file => file.Length);
}
