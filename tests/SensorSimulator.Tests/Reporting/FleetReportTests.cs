using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Reporting;

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
}
