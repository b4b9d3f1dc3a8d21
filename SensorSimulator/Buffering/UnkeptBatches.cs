using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Spool;

namespace Ingest.SensorSimulator.Buffering;

/// <summary>
/// The batches an earlier process of this sensor sealed and never saw settled, kept in a spool that keeps no readings
/// (<c>Simulator:Spool:KeepReadings</c> off): only their sequences and reading counts are left, so they are never sent
/// and never held in the <see cref="UnackedBuffer"/>. A greeting reports them lost through <see cref="LastSequence"/>
/// and asks for the outcomes from <see cref="FirstSequence"/> on; each one its outcomes reach is then settled as the
/// collector says (stored by an earlier send, rejected, or lost) straight into the counters, and marked settled in the
/// spool. With no readings kept there is no checksum to compare, so "stored" is taken by sequence: a second process of the
/// same sensor that used the sequence meanwhile would go unnoticed (a spool's lock keeps a second process off its
/// directory, not off the sensor's ids). Used by one sensor's uploader, one call at a time.
/// </summary>
internal sealed class UnkeptBatches(SensorCounters counters, SensorSpoolLink spool)
{
    private readonly List<(ulong Sequence, int ReadingCount)> _batches = [];

    /// <summary>Batches not settled yet.</summary>
    public int Count => _batches.Count;

    /// <summary>The lowest sequence not settled yet; 0 when none is left.</summary>
    public ulong FirstSequence => _batches.Count > 0 ? _batches[0].Sequence : 0;

    /// <summary>The highest sequence not settled yet, which a greeting reports lost through; 0 when none is left.</summary>
    public ulong LastSequence => _batches.Count > 0 ? _batches[^1].Sequence : 0;

    /// <summary>Whether an unkept batch is left with a sequence above <paramref name="after"/> and at most <paramref name="upTo"/>.</summary>
    public bool HasBetween(ulong after, ulong upTo) => _batches.Exists(b => b.Sequence > after && b.Sequence <= upTo);

    /// <summary>
    /// Takes over the unkept batches the spool recovered, in increasing sequence order. Their readings are counted by
    /// the caller, as recovered and unacked.
    /// </summary>
    public void Restore(IReadOnlyList<(ulong Sequence, int ReadingCount)> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            if (batch.Sequence <= LastSequence)
            {
                throw new ArgumentException("Unkept batches must be restored in increasing sequence order.", nameof(batches));
            }

            _batches.Add(batch);
        }
    }

    /// <summary>
    /// Settles every batch at or below the outcomes' reach as a greeting tells (rejected, lost, or else stored); the
    /// others wait for a greeting that reaches them. Returns the settlement.
    /// </summary>
    public AckSettlement Settle(SettledOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var settlement = default(AckSettlement);
        var settled = 0;
        for (; settled < _batches.Count && _batches[settled].Sequence <= outcomes.Through; settled++)
        {
            var (sequence, readings) = _batches[settled];
            var outcome = outcomes.Of(sequence);
            counters.AddSettled(outcome, readings);
            settlement = settlement.Add(outcome, readings);
            spool.Settled(sequence);
        }

        _batches.RemoveRange(0, settled);
        return settlement;
    }
}
