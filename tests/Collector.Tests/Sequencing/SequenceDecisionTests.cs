using Ingest.Collector.Sequencing;

namespace Ingest.Collector.Tests.Sequencing;

public sealed class SequenceDecisionTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(41, 42)]
    public void For_SequenceRightAfterSettled_IsNextWithoutGap(long settled, long sequence)
    {
        var decision = SequenceDecision.For(settled, sequence);

        Assert.Equal(SequenceVerdict.Next, decision.Verdict);
        Assert.False(decision.HasGap);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(5, 4)]
    [InlineData(5, 1)]
    public void For_SequenceAtOrBelowSettled_IsDuplicate(long settled, long sequence)
    {
        var decision = SequenceDecision.For(settled, sequence);

        Assert.Equal(SequenceVerdict.Duplicate, decision.Verdict);
        Assert.False(decision.HasGap);
    }

    [Theory]
    [InlineData(0, 2, 1, 1)]
    [InlineData(0, 10, 1, 9)]
    [InlineData(5, 7, 6, 6)]
    [InlineData(5, 100, 6, 99)]
    public void For_SequenceBeyondNext_IsNextWithExactGapRange(long settled, long sequence, long gapFirst, long gapLast)
    {
        var decision = SequenceDecision.For(settled, sequence);

        Assert.Equal(SequenceVerdict.Next, decision.Verdict);
        Assert.True(decision.HasGap);
        Assert.Equal(gapFirst, decision.GapFirst);
        Assert.Equal(gapLast, decision.GapLast);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void For_SequenceBelowOne_Throws(long sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceDecision.For(0, sequence));
}
