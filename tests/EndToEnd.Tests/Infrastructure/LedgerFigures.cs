namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A run's ledger against storage: what the simulator sampled, acknowledged, dropped and left unacknowledged,
/// and what the collector stored, stored twice, and is missing.
/// </summary>
/// <param name="Duplicated">Stored (sensor, sequence) pairs seen more than once.</param>
/// <param name="Gaps">Sequences missing below each sensor's highest stored one, plus the losses the collector recorded.</param>
internal sealed record LedgerFigures(
    long Sensors, long Sampled, long Acked, long Stored, long Rejected, long Dropped, long Lost, long Unacked, long Retries, long Duplicated, long Gaps)
{
    /// <summary>Exactly once: acknowledged = stored, nothing stored twice, every sampled reading accounted for.</summary>
    public bool Holds => Acked == Stored && Duplicated == 0 && Sampled == Acked + Rejected + Dropped + Lost + Unacked;

    public static LedgerFigures Of(SimulatorLedger ledger, StoredReadings stored)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(stored);
        var chunks = stored.BySensor().Values;
        var holes = chunks.Sum(c => c.MaxSequence - c.DistinctSequences);
        var totals = ledger.Totals;
        return new LedgerFigures(
            totals.Sensors, totals.Sampled, totals.Acked, chunks.Sum(c => c.Readings), totals.Rejected, totals.Dropped, totals.Lost, totals.Unacked, totals.Retries,
            stored.DuplicatedPairs(), holes + stored.Count("gaps"));
    }
}
