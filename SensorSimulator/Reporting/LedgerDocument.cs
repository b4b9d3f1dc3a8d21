namespace Ingest.SensorSimulator.Reporting;

/// <summary>The ledger file that end-to-end tests read: every sensor's counters and the totals.</summary>
internal sealed record LedgerDocument(IReadOnlyList<LedgerSensor> Sensors, LedgerTotals Totals);
