using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;

namespace Ingest.SensorSimulator.Tests.Buffering;

public sealed class UnackedBufferTests
{
    private readonly SensorCounters _counters = new();

    [Fact]
    public async Task Add_WhenRoom_HoldsBatchWithoutWaiting()
    {
        var buffer = NewBuffer(capacity: 2, BufferFullPolicy.Block);

        var waited = await AddSampledAsync(buffer, 1);

        Assert.False(waited);
        Assert.Equal([1UL], buffer.Sequences);
        AssertLedger(sampled: 10, acked: 0, dropped: 0, unacked: 10);
    }

    [Fact]
    public async Task Add_OutOfSequenceOrder_Throws()
    {
        var buffer = NewBuffer(capacity: 4, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 2);

        await Assert.ThrowsAsync<ArgumentException>(async () => await buffer.AddAsync(TestBatches.Create(1), CancellationToken.None));
    }

    [Fact]
    public async Task Add_WhenFullWithBlock_WaitsUntilSettledThenReportsItWaited()
    {
        var buffer = NewBuffer(capacity: 2, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);

        var adding = AddSampledAsync(buffer, 3).AsTask();
        Assert.False(adding.IsCompleted);

        Assert.Equal(1UL, buffer.TryTakePending()!.Sequence);
        buffer.SettleAck([1UL], new HashSet<ulong>(), committedSequence: 1);

        Assert.True(await adding.WaitAsync(Eventually.DefaultTimeout));
        Assert.Equal([2UL, 3UL], buffer.Sequences);
        AssertLedger(sampled: 30, acked: 10, dropped: 0, unacked: 20);
    }

    [Fact]
    public async Task Add_WhenFullWithBlockAndCancelled_ThrowsAndKeepsWhatItHolds()
    {
        var buffer = NewBuffer(capacity: 1, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);
        using var cancel = new CancellationTokenSource();

        var adding = buffer.AddAsync(TestBatches.Create(2), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => adding);
        Assert.Equal([1UL], buffer.Sequences);
    }

    [Fact]
    public async Task Add_WhenFullWithDropOldest_DropsOldestNeverSentBatch()
    {
        var buffer = NewBuffer(capacity: 3, BufferFullPolicy.DropOldest);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);
        await AddSampledAsync(buffer, 3);
        Assert.Equal(1UL, buffer.TryTakePending()!.Sequence);

        var waited = await AddSampledAsync(buffer, 4);

        Assert.False(waited);
        Assert.Equal([1UL, 3UL, 4UL], buffer.Sequences);
        Assert.Equal(1, _counters.DroppedBatches);
        AssertLedger(sampled: 40, acked: 0, dropped: 10, unacked: 30);
    }

    [Fact]
    public async Task Add_WhenFullWithDropOldest_NeverDropsBatchSentInAFailedStream()
    {
        var buffer = NewBuffer(capacity: 2, BufferFullPolicy.DropOldest);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);
        buffer.TryTakePending();
        buffer.ReturnInFlightToPending();

        await AddSampledAsync(buffer, 3);

        Assert.Equal([1UL, 3UL], buffer.Sequences);
        AssertLedger(sampled: 30, acked: 0, dropped: 10, unacked: 20);
    }

    [Fact]
    public async Task Add_WhenFullWithDropOldestAndEveryBatchSent_WaitsLikeBlock()
    {
        var buffer = NewBuffer(capacity: 2, BufferFullPolicy.DropOldest);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);
        buffer.TryTakePending();
        buffer.TryTakePending();

        var adding = AddSampledAsync(buffer, 3).AsTask();
        Assert.False(adding.IsCompleted);
        buffer.SettleAck([1UL, 2UL], new HashSet<ulong>(), committedSequence: 2);

        Assert.True(await adding.WaitAsync(Eventually.DefaultTimeout));
        Assert.Equal(0, _counters.DroppedBatches);
        AssertLedger(sampled: 30, acked: 20, dropped: 0, unacked: 10);
    }

    [Fact]
    public async Task TryTakePending_ReturnsLowestPendingInOrderThenNull()
    {
        var buffer = NewBuffer(capacity: 4, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);

        Assert.Equal(1UL, buffer.TryTakePending()!.Sequence);
        Assert.Equal(2UL, buffer.TryTakePending()!.Sequence);
        Assert.Null(buffer.TryTakePending());
        Assert.True(buffer.HasSentBatches);
    }

    [Fact]
    public async Task SettleAck_SettlesStreamBatchesAsAckedOrRejected()
    {
        var buffer = NewBuffer(capacity: 4, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);
        await AddSampledAsync(buffer, 3);
        TakeAll(buffer);

        var settlement = buffer.SettleAck([1UL, 2UL, 3UL], new HashSet<ulong> { 2 }, committedSequence: 3);

        Assert.Equal(new AckSettlement(AckedBatches: 2, RejectedBatches: 1, RejectedReadings: 10, RequeuedBatches: 0), settlement);
        Assert.Empty(buffer.Sequences);
        Assert.Equal(3UL, _counters.AckedSequence);
        AssertLedger(sampled: 30, acked: 20, dropped: 0, unacked: 0, rejected: 10);
    }

    [Fact]
    public async Task SettleAck_OtherEverSentBatchesAtOrBelowCommittedSequence_StayUntilTheirOwnOutcomeIsKnown()
    {
        var buffer = NewBuffer(capacity: 4, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);
        await AddSampledAsync(buffer, 3);
        TakeAll(buffer);
        buffer.ReturnInFlightToPending();

        // The next stream carries 1 only, and the collector has settled up to 2: but 2 may have been rejected or
        // lost, and this acknowledgement does not say which, so 2 is not counted as stored.
        var resent = buffer.TryTakePending();
        var settlement = buffer.SettleAck([resent!.Sequence], new HashSet<ulong>(), committedSequence: 2);

        Assert.Equal(1, settlement.AckedBatches);
        Assert.Equal([2UL, 3UL], buffer.Sequences);
        AssertLedger(sampled: 30, acked: 10, dropped: 0, unacked: 20);
    }

    [Fact]
    public async Task SettleAck_RequeuesStreamBatchesAboveCommittedSequence()
    {
        var buffer = NewBuffer(capacity: 4, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);
        TakeAll(buffer);

        var settlement = buffer.SettleAck([1UL, 2UL], new HashSet<ulong>(), committedSequence: 1);

        Assert.Equal(1, settlement.RequeuedBatches);
        Assert.Equal(2UL, buffer.TryTakePending()!.Sequence);
        AssertLedger(sampled: 20, acked: 10, dropped: 0, unacked: 10);
    }

    [Fact]
    public async Task SettleGreet_AcksSentBatchesAtOrBelowCommittedAndRequeuesTheRestInOrder()
    {
        var buffer = NewBuffer(capacity: 8, BufferFullPolicy.Block);
        for (ulong sequence = 1; sequence <= 5; sequence++)
        {
            await AddSampledAsync(buffer, sequence);
        }

        buffer.TryTakePending();
        buffer.TryTakePending();
        buffer.TryTakePending();

        var settlement = buffer.SettleGreet(Checked(SettledOutcomes.AllStored(2), 1, 2, 3));

        Assert.Equal(2, settlement.AckedBatches);
        Assert.Equal([3UL, 4UL, 5UL], buffer.Sequences);
        Assert.Equal([3UL, 4UL, 5UL], TakeAll(buffer));
        Assert.Equal(2UL, _counters.AckedSequence);
        AssertLedger(sampled: 50, acked: 20, dropped: 0, unacked: 30);
    }

    [Fact]
    public async Task SettleGreet_NeverSentBatchAtOrBelowCommitted_StaysToBeSent()
    {
        var buffer = NewBuffer(capacity: 4, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);

        var settlement = buffer.SettleGreet(SettledOutcomes.AllStored(5));

        Assert.Equal(0, settlement.AckedBatches);
        Assert.Equal([1UL], buffer.Sequences);
        AssertLedger(sampled: 10, acked: 0, dropped: 0, unacked: 10);
    }

    [Fact]
    public async Task SettleGreet_CountsEachSentBatchAsTheCollectorSettledIt_StoredRejectedOrLost()
    {
        var buffer = NewBuffer(capacity: 8, BufferFullPolicy.Block);
        for (ulong sequence = 1; sequence <= 6; sequence++)
        {
            await AddSampledAsync(buffer, sequence);
        }

        TakeAll(buffer);
        buffer.ReturnInFlightToPending();

        // The collector settled 1..5: 2 rejected, 4..5 lost (their stream was cut before they arrived), the rest stored.
        var settlement = buffer.SettleGreet(Checked(new SettledOutcomes(5, new HashSet<ulong> { 2 }, [(4UL, 5UL)]), 1, 2, 3, 4, 5, 6));

        Assert.Equal(new AckSettlement(AckedBatches: 2, RejectedBatches: 1, RejectedReadings: 10, RequeuedBatches: 0), settlement);
        Assert.Equal([6UL], buffer.Sequences);
        AssertLedger(sampled: 60, acked: 20, dropped: 0, unacked: 10, rejected: 10, lost: 20);
    }

    [Fact]
    public async Task SettleGreet_OutcomesStoppingShortOfCommitted_LeaveTheRestToBeResent()
    {
        var buffer = NewBuffer(capacity: 8, BufferFullPolicy.Block);
        for (ulong sequence = 1; sequence <= 4; sequence++)
        {
            await AddSampledAsync(buffer, sequence);
        }

        TakeAll(buffer);

        buffer.SettleGreet(Checked(new SettledOutcomes(2, new HashSet<ulong>(), []), 1, 2, 3, 4));

        Assert.Equal([3UL, 4UL], TakeAll(buffer));
        AssertLedger(sampled: 40, acked: 20, dropped: 0, unacked: 20);
    }

    [Fact]
    public async Task SettleGreet_StoredWithOtherReadings_CountsAsRejected_AndStoredBySequenceOnly_IsResent()
    {
        var buffer = NewBuffer(capacity: 8, BufferFullPolicy.Block);
        for (ulong sequence = 1; sequence <= 3; sequence++)
        {
            await AddSampledAsync(buffer, sequence);
        }

        TakeAll(buffer);
        buffer.ReturnInFlightToPending();

        // 1 and 2 were listed with their checksums: 2 is stored with another process's readings. 3 was not listed.
        var outcomes = new SettledOutcomes(3, new HashSet<ulong>(), [], new HashSet<ulong> { 2 }, new HashSet<ulong> { 1, 2 });
        var settlement = buffer.SettleGreet(outcomes);

        Assert.Equal(new AckSettlement(AckedBatches: 1, RejectedBatches: 1, RejectedReadings: 10, RequeuedBatches: 0), settlement);
        Assert.Equal([3UL], TakeAll(buffer));
        AssertLedger(sampled: 30, acked: 10, dropped: 0, unacked: 10, rejected: 10);
    }

    [Fact]
    public async Task SentFrom_ListsTheHeldBatchesEverSentWithTheChecksumOfTheirReadings()
    {
        var buffer = NewBuffer(capacity: 8, BufferFullPolicy.Block);
        for (ulong sequence = 1; sequence <= 4; sequence++)
        {
            await AddSampledAsync(buffer, sequence);
        }

        buffer.TryTakePending();
        buffer.TryTakePending();
        buffer.TryTakePending();

        var listed = buffer.SentFrom(2, max: 5);

        Assert.Equal([2UL, 3UL], listed.Select(b => b.Sequence));
        Assert.Equal(TestBatches.Create(2).Checksum(), listed[0].Checksum);
        Assert.NotEqual(listed[0].Checksum, listed[1].Checksum);
        Assert.Single(buffer.SentFrom(1, max: 1));
    }

    [Fact]
    public async Task FirstUnsettledSequence_IsTheLowestHeldBatchEverSent()
    {
        var buffer = NewBuffer(capacity: 8, BufferFullPolicy.Block);
        Assert.Equal(0UL, buffer.FirstUnsettledSequence);
        await AddSampledAsync(buffer, 7);
        await AddSampledAsync(buffer, 8);
        Assert.Equal(0UL, buffer.FirstUnsettledSequence);

        buffer.TryTakePending();

        Assert.Equal(7UL, buffer.FirstUnsettledSequence);
    }

    [Fact]
    public async Task WaitForPending_WhenAddingCompletedAndNothingPending_ReturnsFalse()
    {
        var buffer = NewBuffer(capacity: 4, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);
        Assert.True(await buffer.WaitForPendingAsync(endWhenFull: false, CancellationToken.None));

        buffer.TryTakePending();
        var waiting = buffer.WaitForPendingAsync(endWhenFull: false, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        buffer.CompleteAdding();

        Assert.False(await waiting.WaitAsync(Eventually.DefaultTimeout));
    }

    [Fact]
    public async Task WaitForPending_WhenABatchIsAdded_ReturnsTrue()
    {
        var buffer = NewBuffer(capacity: 4, BufferFullPolicy.Block);
        var waiting = buffer.WaitForPendingAsync(endWhenFull: false, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        await AddSampledAsync(buffer, 1);

        Assert.True(await waiting.WaitAsync(Eventually.DefaultTimeout));
    }

    [Fact]
    public async Task WaitForPending_EndWhenFullAndFullOfBatchesInFlight_ReturnsFalse()
    {
        var buffer = NewBuffer(capacity: 2, BufferFullPolicy.Block);
        await AddSampledAsync(buffer, 1);
        await AddSampledAsync(buffer, 2);
        TakeAll(buffer);

        Assert.False(await buffer.WaitForPendingAsync(endWhenFull: true, CancellationToken.None));
    }

    [Fact]
    public async Task Add_AfterCompleteAdding_Throws()
    {
        var buffer = NewBuffer(capacity: 2, BufferFullPolicy.Block);
        buffer.CompleteAdding();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await buffer.AddAsync(TestBatches.Create(1), CancellationToken.None));
    }

    [Theory]
    [InlineData(nameof(BufferFullPolicy.Block), 1)]
    [InlineData(nameof(BufferFullPolicy.DropOldest), 2)]
    [InlineData(nameof(BufferFullPolicy.DropOldest), 3)]
    public async Task LedgerInvariant_HoldsAfterEveryMixedOperation(string policyName, int seed)
    {
        var policy = Enum.Parse<BufferFullPolicy>(policyName);
        var buffer = NewBuffer(capacity: 5, policy);
        var random = new Random(seed);
        var inStream = new List<ulong>();
        ulong committed = 0, next = 1;
        for (var step = 0; step < 2_000; step++)
        {
            switch (random.Next(6))
            {
                case 0 or 1 when policy == BufferFullPolicy.DropOldest || buffer.Count < 5:
                    var readings = random.Next(1, 20);
                    _counters.AddSampled(readings);
                    await buffer.AddAsync(TestBatches.Create(next++, readings), CancellationToken.None);
                    break;
                case 2:
                    if (buffer.TryTakePending() is { } taken)
                    {
                        inStream.Add(taken.Sequence);
                        committed = Math.Max(committed, random.Next(2) == 0 ? taken.Sequence : committed);
                    }

                    break;
                case 3:
                    var rejected = inStream.Where(_ => random.Next(10) == 0).ToHashSet();
                    buffer.SettleAck(inStream, rejected, committed);
                    inStream.Clear();
                    break;
                case 4:
                    buffer.ReturnInFlightToPending();
                    inStream.Clear();
                    break;
                case 5:
                    var outcomes = new SettledOutcomes(
                        committed, new HashSet<ulong> { committed }, [(committed - Math.Min(committed, 1), committed - Math.Min(committed, 1))],
                        new HashSet<ulong> { committed - Math.Min(committed, 2) }, buffer.Sequences.Where(_ => random.Next(2) == 0).ToHashSet());
                    buffer.SettleGreet(outcomes);
                    inStream.Clear();
                    break;
            }

            Assert.Equal(_counters.Sampled, _counters.Acked + _counters.Rejected + _counters.Dropped + _counters.Lost + _counters.Unacked);
            Assert.InRange(buffer.Count, 0, 5);
        }

        Assert.True(_counters.Acked > 0);
    }

    private UnackedBuffer NewBuffer(int capacity, BufferFullPolicy policy) => new(capacity, policy, _counters);

    /// <summary>The outcomes of a greeting that listed <paramref name="sequences"/> with their checksums.</summary>
    private static SettledOutcomes Checked(SettledOutcomes outcomes, params ulong[] sequences) =>
        outcomes with { Checked = sequences.ToHashSet() };

    private ValueTask<bool> AddSampledAsync(UnackedBuffer buffer, ulong sequence)
    {
        var batch = TestBatches.Create(sequence);
        _counters.AddSampled(batch.Count);
        return buffer.AddAsync(batch, CancellationToken.None);
    }

    private static List<ulong> TakeAll(UnackedBuffer buffer)
    {
        var taken = new List<ulong>();
        while (buffer.TryTakePending() is { } batch)
        {
            taken.Add(batch.Sequence);
        }

        return taken;
    }

    private void AssertLedger(long sampled, long acked, long dropped, long unacked, long rejected = 0, long lost = 0)
    {
        Assert.Equal(sampled, _counters.Sampled);
        Assert.Equal(acked, _counters.Acked);
        Assert.Equal(dropped, _counters.Dropped);
        Assert.Equal(unacked, _counters.Unacked);
        Assert.Equal(rejected, _counters.Rejected);
        Assert.Equal(lost, _counters.Lost);
        Assert.Equal(_counters.Sampled, _counters.Acked + _counters.Rejected + _counters.Dropped + _counters.Lost + _counters.Unacked);
    }
}
