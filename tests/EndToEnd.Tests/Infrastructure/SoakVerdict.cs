using System.Globalization;
using Ingest.SensorSimulator.Reporting;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>The end of every soak: its report written and shown, and the exactly-once verdict asserted.</summary>
internal static class SoakVerdict
{
    /// <summary>
    /// Writes the soak's report to <c>artifacts/soak/report-<paramref name="name"/>…md</c> and the test output, then asserts
    /// that it holds: every kill made, every sampled reading accounted for with nothing unacknowledged, lost, dropped or
    /// rejected, every sensor's sequences stored once up to the last it sealed, and something acknowledged to a killed
    /// simulator. Returns the last simulator's ledger.
    /// </summary>
    public static async Task<LedgerDocument> AssertExactlyOnceAsync(
        ManagedProcess simulator, string ledgerPath, StoredReadings stored, SoakSettings settings, IReadOnlyList<SoakFault> faults,
        TimeSpan elapsed, DateTimeOffset startedAt, string name, string storage, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(output);
        var ledger = LedgerAssert.Accounted(simulator, ledgerPath);
        var figures = LedgerFigures.Of(ledger, stored);
        var report = SoakReport.Render(settings, faults, figures, elapsed, startedAt, storage);
        var reports = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "soak")).FullName;
        var path = Path.Combine(reports, string.Create(CultureInfo.InvariantCulture, $"report-{name}{startedAt:yyyyMMdd-HHmmss}.md"));
        await File.WriteAllTextAsync(path, report);
        output.WriteLine(path);
        output.WriteLine(report);

        Assert.True(figures.Holds, "the soak's verdict is FAIL:\n" + report);
        Assert.Equal(settings.Kills + settings.SimulatorKills, faults.Count);
        Assert.Equal((0L, 0L, 0L, 0L), (figures.Unacked, figures.Lost, figures.Dropped, figures.Rejected));
        Assert.Equal(settings.Sensors, ledger.Totals.Sensors);
        LedgerAssert.StoredOnceWithoutGaps(stored);
        var bySensor = stored.BySensor();
        Assert.All(ledger.Sensors, sensor => Assert.Equal((long)sensor.LastSequence, bySensor[sensor.SensorId].MaxSequence));
        Assert.True(figures.StoredBefore > 0, "nothing was acknowledged to a killed simulator, so its kill was not felt");
        return ledger;
    }
}
