using Ingest.SensorSimulator.Reporting;
using Ingest.SensorSimulator.Sensors;

namespace Ingest.SensorSimulator.Tests.Reporting;

public sealed class FleetReportTests
{
    [Fact]
    public void FormatSummaryLine_IsTheExactMachineReadableFormat()
    {
        var totals = FleetTotals.Of(
        [
            new SensorSnapshot("a", "temperature", 1_000, 900, 60, 10, 40, 3, 12, 10, 9, 1),
            new SensorSnapshot("b", "humidity", 500, 500, 0, 0, 0, 1, 5, 5, 5, 0),
        ]);

        Assert.Equal(
            "summary sensors=2 sampled=1500 acked=1400 dropped=60 unacked=40 retries=4",
            FleetReport.FormatSummaryLine(totals));
    }
}
