using System.Diagnostics.Metrics;
using Ingest.SensorSimulator.Chaos;
using Ingest.SensorSimulator.Fleet;

namespace Ingest.SensorSimulator.Reporting;

/// <summary>
/// The fleet's ledger as observable instruments on the meter <c>Ingest.SensorSimulator</c>, read from the sensors'
/// counters whenever metrics are collected: what was sampled, and what became of it (acked, rejected, dropped, lost,
/// still unacked), with the retries and failovers that got it there.
/// </summary>
internal sealed class LedgerMetrics
{
    public LedgerMetrics(IMeterFactory meterFactory, SensorFleet fleet)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(fleet);
        var meter = meterFactory.Create(SimulatorChaos.MeterName);
        FleetTotals Totals() => FleetTotals.Of(fleet.Snapshot());
        meter.CreateObservableCounter("ingest.simulator.readings.sampled", () => Totals().Sampled, "{reading}",
            "Readings sampled, those taken over from an earlier process's spool included.");
        meter.CreateObservableCounter("ingest.simulator.readings.acked", () => Totals().Acked, "{reading}", "Readings the collector said are stored.");
        meter.CreateObservableCounter("ingest.simulator.readings.rejected", () => Totals().Rejected, "{reading}", "Readings the collector refused, with a reason.");
        meter.CreateObservableCounter("ingest.simulator.readings.dropped", () => Totals().Dropped, "{reading}",
            "Readings dropped by the buffer policy (DropOldest), never sent.");
        meter.CreateObservableCounter("ingest.simulator.readings.lost", () => Totals().Lost, "{reading}", "Readings the collector recorded as lost: a gap.");
        meter.CreateObservableUpDownCounter("ingest.simulator.readings.unacked", () => Totals().Unacked, "{reading}",
            "Readings held, in the buffer or an open batch, not yet settled.");
        meter.CreateObservableCounter("ingest.simulator.retries", () => Totals().Retries, "{retry}", "Attempts made after a failure.");
        meter.CreateObservableCounter("ingest.simulator.failovers", () => Totals().Failovers, "{failover}",
            "Times a sensor moved from one collector to another, or back home.");
    }
}
