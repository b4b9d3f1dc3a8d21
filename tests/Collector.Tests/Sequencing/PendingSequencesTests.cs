using Ingest.Collector.Sequencing;

namespace Ingest.Collector.Tests.Sequencing;

public sealed class PendingSequencesTests
{
    private readonly SequenceLedger _ledger = new();
    private readonly PendingSequences _pending;

    public PendingSequencesTests()
    {
        _ledger.Load([KeyValuePair.Create("a", new SensorCursor(3, 2))]);
        _pending = new PendingSequences(_ledger);
    }

    [Fact]
    public void Decide_LaterRequestInGroup_SeesEarlierDecision()
    {
        Assert.Equal(SequenceVerdict.Next, _pending.Decide("a", 4, 2).Verdict);

        var again = _pending.Decide("a", 4, 2);
        var next = _pending.Decide("a", 5, 2);

        Assert.Equal(SequenceVerdict.Duplicate, again.Verdict);
        Assert.Equal(SequenceVerdict.Next, next.Verdict);
        Assert.False(next.HasGap);
        Assert.Equal(new SensorCursor(5, 2), _pending.Get("a"));
    }

    [Fact]
    public void Decide_GapAfterPendingSequence_StartsAfterThePendingOne()
    {
        _pending.Decide("a", 4, 2);

        var decision = _pending.Decide("a", 8, 2);

        Assert.Equal((5L, 7L), (decision.GapFirst, decision.GapLast));
    }

    [Fact]
    public void Decide_Duplicate_DoesNotSettleAnything()
    {
        _pending.Decide("a", 2, 2);

        Assert.Empty(_pending.Decided);
        Assert.Equal(3, _pending.Get("a").Settled);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Decide_OtherSession_IsFencedAndSettlesNothing(long session)
    {
        var decision = _pending.Decide("a", 4, session);

        Assert.Equal(SequenceVerdict.Fenced, decision.Verdict);
        Assert.Empty(_pending.Decided);
    }

    [Fact]
    public void Decide_SessionZero_IsNeverFenced()
    {
        Assert.Equal(SequenceVerdict.Next, _pending.Decide("a", 4, 0).Verdict);
    }

    [Fact]
    public void OpenSession_FencesTheBatchesOfTheSessionBeforeIt_WithinTheSameGroup()
    {
        Assert.Equal(SequenceVerdict.Next, _pending.Decide("a", 4, 2).Verdict);

        var (opened, decision) = _pending.OpenSession("a", lostThrough: 0);

        Assert.Equal(new SensorCursor(4, 3), opened);
        Assert.False(decision.HasGap);
        Assert.Equal(SequenceVerdict.Fenced, _pending.Decide("a", 5, 2).Verdict);
        Assert.Equal(SequenceVerdict.Next, _pending.Decide("a", 5, 3).Verdict);
    }

    [Fact]
    public void OpenSession_LostThroughAboveSettled_SettlesTheSequencesBetweenAsAGap()
    {
        var (opened, decision) = _pending.OpenSession("a", lostThrough: 7);

        Assert.Equal(new SensorCursor(7, 3), opened);
        Assert.Equal((4L, 7L), (decision.GapFirst, decision.GapLast));
    }

    [Fact]
    public void OpenSession_LostThroughAtOrBelowSettled_ChangesNoSequence()
    {
        var (opened, decision) = _pending.OpenSession("a", lostThrough: 2);

        Assert.Equal(new SensorCursor(3, 3), opened);
        Assert.False(decision.HasGap);
    }

    [Fact]
    public void Decide_BeforeApply_LeavesLedgerUntouched()
    {
        _pending.Decide("a", 4, 2);
        _pending.Decide("b", 1, 0);

        Assert.Equal(3, _ledger.Get("a"));
        Assert.Equal(0, _ledger.Get("b"));
        Assert.Equal(1, _ledger.SensorCount);
    }

    [Fact]
    public void ApplyToLedger_AdvancesEverySettledSensor()
    {
        _pending.Decide("a", 4, 2);
        _pending.Decide("a", 6, 2);
        _pending.Decide("b", 1, 0);
        _pending.OpenSession("c", 0);

        _pending.ApplyToLedger();

        Assert.Equal(new SensorCursor(6, 2), _ledger.Cursor("a"));
        Assert.Equal(1, _ledger.Get("b"));
        Assert.Equal(new SensorCursor(0, 1), _ledger.Cursor("c"));
    }

    [Fact]
    public void Clear_DiscardsDecisionsSoTheLedgerDecidesAgain()
    {
        _pending.Decide("a", 4, 2);

        _pending.Clear();
        _pending.ApplyToLedger();

        Assert.Empty(_pending.Decided);
        Assert.Equal(3, _ledger.Get("a"));
        Assert.Equal(SequenceVerdict.Next, _pending.Decide("a", 4, 2).Verdict);
    }
}
