namespace Ingest.SensorSimulator.Reporting;

/// <summary>The totals in the ledger file.</summary>
internal sealed record LedgerTotals(int Sensors, long Sampled, long Acked, long Dropped, long Unacked, long Retries);
