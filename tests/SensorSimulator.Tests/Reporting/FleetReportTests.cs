using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Reporting;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;

namespace Ingest.SensorSimulator.Tests.Reporting;

public sealed class FleetReportTests
{
    [Fact]
    public void FormatSummaryLine_IsTheExactMachineReadableFormat()
    {
        var totals = FleetTotals.Of(
        [
            new SensorSnapshot("a", "temperature", 1_000, 880, 50, 10, 20, 100, 40, 3, 12, 10, 1, 9, 1),
            new SensorSnapshot("b", "humidity", 500, 500, 0, 0, 0, 0, 0, 1, 5, 5, 1, 5, 0, Failovers: 3),
        ]);

        Assert.Equal(
            "summary sensors=2 sampled=1500 acked=1380 rejected=10 dropped=50 lost=20 unacked=40 retries=4 recovered=100 failovers=3",
            FleetReport.FormatSummaryLine(totals));
    }

    [Fact]
    public async Task SummaryLine_BatchRejectedByTheCollector_CountsAsRejectedNotDropped_AndBalances()
    {
        var counters = new SensorCounters();
        var buffer = new UnackedBuffer(4, BufferFullPolicy.DropOldest, counters);
        foreach (var sequence in new ulong[] { 1, 2, 3 })
        {
            var batch = TestBatches.Create(sequence);
            counters.AddSampled(batch.Count);
            await buffer.AddAsync(batch, CancellationToken.None);
        }

        while (buffer.TryTakePending() is not null)
        {
        }

        // The stream's acknowledgement stores 1 and 3 and rejects 2.
        buffer.SettleAck([1UL, 2UL, 3UL], new HashSet<ulong> { 2 }, committedSequence: 3);
        var totals = FleetTotals.Of([SensorSnapshot.Of(new SensorIdentity(1, "sim-temperature-0001", "temperature"), counters)]);

        Assert.Equal(
            "summary sensors=1 sampled=30 acked=20 rejected=10 dropped=0 lost=0 unacked=0 retries=0 recovered=0 failovers=0",
            FleetReport.FormatSummaryLine(totals));
        var ledger = LedgerWriter.Build([SensorSnapshot.Of(new SensorIdentity(1, "sim-temperature-0001", "temperature"), counters)]);
        Assert.Equal((10L, 0L), (ledger.Totals.Rejected, ledger.Totals.Dropped));
        Assert.Equal((10L, 0L), (ledger.Sensors[0].Rejected, ledger.Sensors[0].Dropped));
    }
}
