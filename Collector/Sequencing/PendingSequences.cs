namespace Ingest.Collector.Sequencing;

/// <summary>
/// The sequences decided within one storage transaction, on top of the <see cref="SequenceLedger"/>.
/// Applied to the ledger only once the transaction has committed, and thrown away when it fails.
/// </summary>
internal sealed class PendingSequences(SequenceLedger ledger)
{
    private readonly Dictionary<string, long> _settled = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Settled => _settled;

    public long Get(string sensorId) => _settled.TryGetValue(sensorId, out var sequence) ? sequence : ledger.Get(sensorId);

    /// <summary>Decides a batch's sequence and, unless it is a duplicate, settles it within this transaction.</summary>
    public SequenceDecision Decide(string sensorId, long sequence)
    {
        var decision = SequenceDecision.For(Get(sensorId), sequence);
        if (decision.Verdict == SequenceVerdict.Next)
        {
            _settled[sensorId] = sequence;
        }

        return decision;
    }

    public void ApplyToLedger()
    {
        foreach (var (sensorId, sequence) in _settled)
        {
            ledger.Advance(sensorId, sequence);
        }
    }

    public void Clear() => _settled.Clear();
}
