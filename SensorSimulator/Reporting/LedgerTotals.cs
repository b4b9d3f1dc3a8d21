namespace Ingest.SensorSimulator.Reporting;

/// <summary>
/// The totals in the ledger file: <c>Sampled = Acked + Rejected + Dropped + Lost + Unacked</c>; <c>Failovers</c> counts the
/// sensors' moves between collectors.
/// </summary>
internal sealed record LedgerTotals(
    int Sensors, long Sampled, long Acked, long Rejected, long Dropped, long Lost, long Unacked, long Retries, long Recovered, long Failovers);
