using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The collector ends every Upload stream with Unavailable after three batches (Collector:Chaos
/// AbortStreamAfterBatches), after committing them: the sensors greet again and go on where the collector is.
/// </summary>
public sealed class AbortedStreamFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;
    private const int AbortAfterBatches = 3;

    [Fact]
    public async Task EveryUploadStreamAbortedAfterThreeBatches_SensorsGoOn_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        using var directory = new TempDirectory("stream-abort");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync(
            "collector", "--Collector:Chaos:Enabled=true", $"--Collector:Chaos:AbortStreamAfterBatches={AbortAfterBatches}");

        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(15));
        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        collector.Terminate();
        Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        var aborted = collector.Lines.Count(line => line.Contains("Chaos injected (stream_aborted)", StringComparison.Ordinal));
        output.WriteLine($"streams aborted: {aborted}; {CollectorStatus.Last(collector)}; {LedgerFigures.Of(ledger, pipeline.Stored)}");
        Assert.True(aborted >= Sensors, $"only {aborted} streams were aborted");

        // Each stream carried at most three batches, so each sensor needed several streams for what it sent.
        Assert.All(pipeline.Stored.BySensor().Values, chunks => Assert.True(chunks.Chunks > AbortAfterBatches, $"{chunks.Chunks} batches stored"));
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the aborts were not felt");
        directory.Keep = false;
    }
}
