namespace Ingest.Collector.Sequencing;

/// <summary>
/// The sequences and sessions decided within one storage transaction, on top of the <see cref="SequenceLedger"/>.
/// Applied to the ledger only once the transaction has committed, and thrown away when it fails.
/// </summary>
internal sealed class PendingSequences(SequenceLedger ledger)
{
    private readonly Dictionary<string, SensorCursor> _decided = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SensorCursor> Decided => _decided;

    public SensorCursor Get(string sensorId) => _decided.TryGetValue(sensorId, out var cursor) ? cursor : ledger.Cursor(sensorId);

    /// <summary>Decides a batch's sequence and, when it is next, settles it within this transaction.</summary>
    public SequenceDecision Decide(string sensorId, long sequence, long session)
    {
        var cursor = Get(sensorId);
        var decision = SequenceDecision.For(cursor, sequence, session);
        if (decision.Verdict == SequenceVerdict.Next)
        {
            _decided[sensorId] = cursor with { Settled = sequence };
        }

        return decision;
    }

    /// <summary>
    /// Opens the sensor's next session within this transaction. When <paramref name="lostThrough"/> is above the
    /// settled sequence, the sequences between are settled as lost: the returned decision carries them as its gap.
    /// </summary>
    public (SensorCursor Cursor, SequenceDecision Decision) OpenSession(string sensorId, long lostThrough)
    {
        var cursor = Get(sensorId);
        var decision = lostThrough > cursor.Settled
            ? new SequenceDecision(SequenceVerdict.Next, cursor.Settled + 1, lostThrough)
            : new SequenceDecision(SequenceVerdict.Duplicate, 0, -1);
        var opened = new SensorCursor(Math.Max(cursor.Settled, lostThrough), cursor.Session + 1);
        _decided[sensorId] = opened;
        return (opened, decision);
    }

    /// <summary>Applies what was decided to the ledger, but for the sensors in <paramref name="except"/> (their writes did not apply).</summary>
    public void ApplyToLedger(IReadOnlyDictionary<string, SensorCursor>? except = null)
    {
        foreach (var (sensorId, cursor) in _decided)
        {
            if (except is null || !except.ContainsKey(sensorId))
            {
                ledger.Advance(sensorId, cursor);
            }
        }
    }

    public void Clear() => _decided.Clear();
}
