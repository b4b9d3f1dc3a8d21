using Ingest.SensorSimulator.Reporting;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A simulator process's ledger against storage: what it sampled, acknowledged, rejected, dropped, lost and left
/// unacknowledged, and what the collector stored of the sequences it held, stored twice, and is missing.
/// </summary>
/// <param name="Stored">
/// Readings stored in each sensor's sequences from the first one this process held on (all of them for a process that
/// ran from the start): what this process must have acknowledged.
/// </param>
/// <param name="StoredBefore">Readings stored below those, acknowledged to earlier processes of the same sensors.</param>
/// <param name="SensorsExact">Sensors whose acknowledged readings are exactly the readings stored from their first held sequence.</param>
/// <param name="Duplicated">Stored (sensor, sequence) pairs seen more than once.</param>
/// <param name="Gaps">Sequences missing below each sensor's highest stored one, plus the losses the collector recorded.</param>
internal sealed record LedgerFigures(
    long Sensors,
    long Sampled,
    long Acked,
    long Stored,
    long StoredBefore,
    long SensorsExact,
    long Rejected,
    long Dropped,
    long Lost,
    long Unacked,
    long Recovered,
    long Retries,
    long Duplicated,
    long Gaps)
{
    /// <summary>
    /// Exactly once: acknowledged = stored for every sensor, nothing stored twice, every sampled reading accounted for.
    /// </summary>
    public bool Holds => Acked == Stored && SensorsExact == Sensors && Duplicated == 0 && Sampled == Acked + Rejected + Dropped + Lost + Unacked;

    public static LedgerFigures Of(LedgerDocument ledger, StoredReadings stored)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(stored);
        var chunks = stored.BySensor().Values;
        var holes = chunks.Sum(c => c.MaxSequence - c.DistinctSequences);
        var fromFirstHeld = stored.ReadingsFrom(ledger.Sensors.ToDictionary(s => s.SensorId, s => Math.Max(1, (long)s.FirstSequence), StringComparer.Ordinal));
        var storedHeld = fromFirstHeld.Values.Sum();
        var exact = ledger.Sensors.Count(s => s.Acked == fromFirstHeld[s.SensorId]);
        var totals = ledger.Totals;
        return new LedgerFigures(
            totals.Sensors, totals.Sampled, totals.Acked, storedHeld, chunks.Sum(c => c.Readings) - storedHeld, exact, totals.Rejected, totals.Dropped,
            totals.Lost, totals.Unacked, totals.Recovered, totals.Retries, stored.DuplicatedPairs(), holes + stored.Count("gaps"));
    }
}
