using Ingest.Collector.Sequencing;

namespace Ingest.Collector.Tests.Sequencing;

public sealed class PendingSequencesTests
{
    private readonly SequenceLedger _ledger = new();
    private readonly PendingSequences _pending;

    public PendingSequencesTests()
    {
        _ledger.Load([KeyValuePair.Create("a", 3L)]);
        _pending = new PendingSequences(_ledger);
    }

    [Fact]
    public void Decide_LaterRequestInGroup_SeesEarlierDecision()
    {
        Assert.Equal(SequenceVerdict.Next, _pending.Decide("a", 4).Verdict);

        var again = _pending.Decide("a", 4);
        var next = _pending.Decide("a", 5);

        Assert.Equal(SequenceVerdict.Duplicate, again.Verdict);
        Assert.Equal(SequenceVerdict.Next, next.Verdict);
        Assert.False(next.HasGap);
        Assert.Equal(5, _pending.Get("a"));
    }

    [Fact]
    public void Decide_GapAfterPendingSequence_StartsAfterThePendingOne()
    {
        _pending.Decide("a", 4);

        var decision = _pending.Decide("a", 8);

        Assert.Equal((5L, 7L), (decision.GapFirst, decision.GapLast));
    }

    [Fact]
    public void Decide_Duplicate_DoesNotSettleAnything()
    {
        _pending.Decide("a", 2);

        Assert.Empty(_pending.Settled);
        Assert.Equal(3, _pending.Get("a"));
    }

    [Fact]
    public void Decide_BeforeApply_LeavesLedgerUntouched()
    {
        _pending.Decide("a", 4);
        _pending.Decide("b", 1);

        Assert.Equal(3, _ledger.Get("a"));
        Assert.Equal(0, _ledger.Get("b"));
        Assert.Equal(1, _ledger.SensorCount);
    }

    [Fact]
    public void ApplyToLedger_AdvancesEverySettledSensor()
    {
        _pending.Decide("a", 4);
        _pending.Decide("a", 6);
        _pending.Decide("b", 1);

        _pending.ApplyToLedger();

        Assert.Equal(6, _ledger.Get("a"));
        Assert.Equal(1, _ledger.Get("b"));
    }

    [Fact]
    public void Clear_DiscardsDecisionsSoTheLedgerDecidesAgain()
    {
        _pending.Decide("a", 4);

        _pending.Clear();
        _pending.ApplyToLedger();

        Assert.Empty(_pending.Settled);
        Assert.Equal(3, _ledger.Get("a"));
        Assert.Equal(SequenceVerdict.Next, _pending.Decide("a", 4).Verdict);
    }
}
