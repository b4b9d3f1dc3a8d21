using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Every batch is rejected (the sensors' clocks are 10 minutes fast, past the collector's allowed skew) while
/// acknowledgements are lost, first dropped after the commit, then with the collector killed: the sensors learn each
/// batch's outcome when they greet again, and count rejected readings as rejected, never as acknowledged.
/// </summary>
public sealed class RejectedBatchesFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;

    [Fact]
    public async Task EveryBatchRejectedWhileAcksAreLost_NothingCountsAsAcknowledged_AndEveryRejectionIsCounted()
    {
        using var directory = new TempDirectory("rejected-acks-lost");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        string[] dropAcks = ["--Collector:Chaos:Enabled=true", "--Collector:Chaos:DropAckAfterCommitRate=0.3"];
        var collector = await pipeline.StartCollectorAsync("collector-1", dropAcks);
        try
        {
            await using var simulator = pipeline.StartSimulatorUntilStopped(
                Sensors, "--Simulator:ClockOffset=00:10:00", "--Simulator:UploadWindowDuration=00:00:01", "--Simulator:ShutdownTimeout=00:01:00");
            await Eventually.UntilAsync(() => RejectedBatches(pipeline) >= 100, "the collector has rejected 100 batches", TimeSpan.FromSeconds(60));

            collector.Kill();
            await collector.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await collector.DisposeAsync();
            collector = await pipeline.StartCollectorAsync("collector-2", dropAcks);
            var rejectedAtRestart = RejectedBatches(pipeline);
            await Eventually.UntilAsync(() => RejectedBatches(pipeline) >= rejectedAtRestart + 100,
                "the restarted collector has rejected 100 more batches", TimeSpan.FromSeconds(60));

            Assert.Equal(0, await simulator.StopAsync(TimeSpan.FromSeconds(90)));
            var ledger = LedgerAssert.Accounted(simulator, pipeline.LedgerPath);
            var rejectedReadings = RejectedReadings(pipeline);
            output.WriteLine($"{LedgerFigures.Of(ledger, pipeline.Stored)}; rejected readings recorded by the collector: {rejectedReadings}");

            Assert.Equal(0, pipeline.Stored.TotalReadings());
            Assert.Equal(0, ledger.Totals.Acked);
            Assert.Equal(0, ledger.Totals.Unacked);
            Assert.Equal(ledger.Totals.Sampled, ledger.Totals.Rejected);
            Assert.Equal(rejectedReadings, ledger.Totals.Rejected);
            Assert.True(ledger.Totals.Retries > 0, "no acknowledgement was lost");
            Assert.True(collector.Lines.Any(line => line.Contains("Chaos injected (ack_dropped)", StringComparison.Ordinal)), "the collector dropped no acknowledgement");
        }
        finally
        {
            await collector.DisposeAsync();
        }

        directory.Keep = false;
    }

    private static long RejectedBatches(Pipeline pipeline) => File.Exists(pipeline.DatabasePath) ? pipeline.Stored.Count("rejects") : 0;

    private static long RejectedReadings(Pipeline pipeline) => pipeline.Stored.Sum("rejects", "reading_count");
}
