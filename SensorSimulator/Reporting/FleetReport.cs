using System.Globalization;
using Ingest.SensorSimulator.Chaos;
using Ingest.SensorSimulator.Fleet;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Reporting;

/// <summary>
/// The end-of-run report: writes the ledger file (when configured) and prints a few human lines and, as
/// the very last line, <c>summary sensors=N sampled=N acked=N rejected=N dropped=N lost=N unacked=N retries=N recovered=N failovers=N</c>,
/// where <c>sampled = acked + rejected + dropped + lost + unacked</c> (sampled includes the readings recovered from a spool)
/// and <c>failovers</c> counts the sensors' moves from one collector to another.
/// </summary>
internal sealed class FleetReport
{
    private readonly SensorFleet _fleet;
    private readonly SimulatorOptions _options;
    private readonly SimulatorChaos _chaos;

    public FleetReport(SensorFleet fleet, IOptions<SimulatorOptions> options, SimulatorChaos chaos)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fleet = fleet;
        _options = options.Value;
        _chaos = chaos;
    }

    public async Task WriteAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sensors = _fleet.Snapshot();
        var ledgerPath = string.IsNullOrWhiteSpace(_options.LedgerPath) ? null : Path.GetFullPath(_options.LedgerPath);
        if (ledgerPath is not null)
        {
            await LedgerWriter.WriteAsync(ledgerPath, LedgerWriter.Build(sensors), cancellationToken);
        }

        var all = FleetTotals.Of(sensors);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Simulated {all.Sensors} sensors against {string.Join(", ", _options.EffectiveCollectorAddresses)}:"),
        };
        foreach (var kind in sensors.GroupBy(s => s.Kind, StringComparer.Ordinal))
        {
            var totals = FleetTotals.Of(kind);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {kind.Key}: sensors={totals.Sensors} sampled={totals.Sampled} acked={totals.Acked} rejected={totals.Rejected} dropped={totals.Dropped} lost={totals.Lost} unacked={totals.Unacked} retries={totals.Retries} batches sent={totals.BatchesSent}"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  all: batches sent={all.BatchesSent} dropped batches={all.DroppedBatches} rejected readings={all.Rejected} key refused sensors={all.KeyRefusedSensors} failovers={all.Failovers}"));
        if (_chaos.Enabled)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  chaos: injected faults={_chaos.InjectedFaults}"));
        }

        if (ledgerPath is not null)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  ledger written to {ledgerPath}"));
        }

        lines.Add(FormatSummaryLine(all));
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }

        await output.FlushAsync(cancellationToken);
    }

    /// <summary>The machine-readable last line of the output.</summary>
    public static string FormatSummaryLine(FleetTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return string.Create(CultureInfo.InvariantCulture, $"summary sensors={totals.Sensors} sampled={totals.Sampled} acked={totals.Acked} rejected={totals.Rejected} dropped={totals.Dropped} lost={totals.Lost} unacked={totals.Unacked} retries={totals.Retries} recovered={totals.Recovered} failovers={totals.Failovers}");
    }
}
