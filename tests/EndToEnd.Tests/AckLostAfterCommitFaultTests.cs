using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The collector commits a stream's batches and then drops its acknowledgement (Collector:Chaos
/// DropAckAfterCommitRate): the sensors greet again, learn what was committed and resend only the rest.
/// </summary>
public sealed class AckLostAfterCommitFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;

    [Fact]
    public async Task AcksDroppedAfterTheCommit_SensorsGreetAgainAndResend_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        using var directory = new TempDirectory("ack-lost");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync(
            "collector", "--Collector:Chaos:Enabled=true", "--Collector:Chaos:DropAckAfterCommitRate=0.3");

        // Upload streams of 1 s instead of 5 s: more acknowledgements, so more of them dropped.
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(15), "--Simulator:UploadWindowDuration=00:00:01");
        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        collector.Terminate();
        Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        var acksDropped = collector.Lines.Count(line => line.Contains("Chaos injected (ack_dropped)", StringComparison.Ordinal));
        output.WriteLine($"acks dropped: {acksDropped}; {CollectorStatus.Last(collector)}; {LedgerFigures.Of(ledger, pipeline.Stored)}");
        Assert.True(acksDropped > 0, "the collector dropped no acknowledgement");
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the dropped acknowledgements were not felt");
        directory.Keep = false;
    }
}
