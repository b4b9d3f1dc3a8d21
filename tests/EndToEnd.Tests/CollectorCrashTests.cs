using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>The collector is killed with SIGKILL while 20 sensors stream to it, then restarted.</summary>
public sealed class CollectorCrashTests(ITestOutputHelper output)
{
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

        var summary = SummaryLine.Parse(simulator.Lines.Last(line => line.Length > 0));
        var ledger = SimulatorLedger.Read(pipeline.LedgerPath);
        var stored = pipeline.Stored.BySensor();

        output.WriteLine($"stored when SIGKILLed: {storedAtKill}; {summary}; stored at the end: {stored.Values.Sum(s => s.Readings)} readings in {stored.Values.Sum(s => s.Chunks)} chunks");

        // The summary accounts for every sampled reading, and agrees with the ledger.
        Assert.Equal(summary.Sampled, summary.Acked + summary.Dropped + summary.Unacked);
        Assert.Equal(new SummaryLine(ledger.Totals.Sensors, ledger.Totals.Sampled, ledger.Totals.Acked, ledger.Totals.Dropped, ledger.Totals.Unacked, ledger.Totals.Retries), summary);
        Assert.Equal(sensors, summary.Sensors);
        Assert.True(summary.Sampled > 0, "the simulator sampled nothing");
        Assert.Equal(0, summary.Unacked);
        Assert.Equal(0, summary.Dropped);
        Assert.True(summary.Retries > 0, "no sensor had to retry, so the kill was not felt");

        // Every acknowledged reading is stored, exactly once, and nothing else is.
        Assert.Equal(sensors, stored.Count);
        foreach (var sensor in ledger.Sensors)
        {
            Assert.True(stored.TryGetValue(sensor.SensorId, out var chunks), $"nothing stored for {sensor.SensorId}");
            Assert.Equal(sensor.Acked, chunks.Readings);
            Assert.Equal(chunks.Chunks, chunks.DistinctSequences);
            Assert.Equal(1, chunks.MinSequence);
            Assert.Equal(sensor.LastSequence, chunks.MaxSequence);
            Assert.Equal(sensor.LastSequence, chunks.Chunks);
        }

        Assert.Equal(summary.Acked, stored.Values.Sum(s => s.Readings));
        Assert.Equal(0, pipeline.Stored.Count("gaps"));
        Assert.Equal(0, pipeline.Stored.Count("rejects"));
        directory.Keep = false;
    }
}
