using Ingest.Collector.Commit;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Storage;
using Ingest.Collector.Tests.TestDoubles;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class UploadSessionTests
{
    [Fact]
    public void Bind_FirstSensor_IsAcceptedAndNamesTheAck()
    {
        var session = new UploadSession(4);

        Assert.Null(session.Bind("sensor-a"));
        Assert.Null(session.Bind("sensor-a"));

        Assert.Equal("sensor-a", session.SensorId);
        Assert.Equal(2, session.BatchesReceived);
        Assert.Equal("sensor-a", session.BuildAck(0).SensorId);
    }

    [Fact]
    public void Bind_AnotherSensor_IsRefusedNamingBoth()
    {
        var session = new UploadSession(4);
        session.Bind("sensor-a");

        var reason = session.Bind("sensor-b");

        Assert.NotNull(reason);
        Assert.Contains("'sensor-a'", reason, StringComparison.Ordinal);
        Assert.Contains("'sensor-b'", reason, StringComparison.Ordinal);
        Assert.Contains("batch 2", reason, StringComparison.Ordinal);
        Assert.Equal("sensor-a", session.SensorId);
    }

    [Fact]
    public async Task BuildAck_CompletedRequests_TalliesEveryOutcome()
    {
        var session = new UploadSession(8);
        session.Bind("a");
        Track(session, Store(1), new CommitOutcome(CommitOutcomeKind.Committed, 3, null, null));
        Track(session, Store(4), new CommitOutcome(CommitOutcomeKind.Committed, 5, new SequenceGapRecord("a", 2, 3), null));
        Track(session, Store(1), new CommitOutcome(CommitOutcomeKind.Duplicate, 3, null, null));
        Track(session, CommitRequest.Reject("a", 5, 2, "reading 1 is NaN", 0), new CommitOutcome(CommitOutcomeKind.Rejected, 2, null, "reading 1 is NaN"));
        session.RejectUnsettled(0, 6, "sequence is 0");

        await session.DrainAsync().WaitAsync(Eventually.DefaultTimeout);
        var ack = session.BuildAck(5);

        Assert.Equal(2UL, ack.BatchesCommitted);
        Assert.Equal(8UL, ack.ReadingsCommitted);
        Assert.Equal(1UL, ack.DuplicateBatches);
        Assert.Equal(3UL, ack.DuplicateReadings);
        Assert.Equal(5UL, ack.CommittedSequence);
        var gap = Assert.Single(ack.Gaps);
        Assert.Equal((2UL, 3UL), (gap.FirstSequence, gap.LastSequence));
        Assert.Equal(2, ack.Rejected.Count);
        var unsettled = ack.Rejected.Single(r => r.Sequence == 0);
        Assert.Equal((3, "sequence is 0", 6U), (unsettled.Code, unsettled.Reason, unsettled.ReadingCount));
        var settled = ack.Rejected.Single(r => r.Sequence == 5);
        Assert.Equal((3, "reading 1 is NaN", 2U), (settled.Code, settled.Reason, settled.ReadingCount));
    }

    [Fact]
    public void BuildAck_NegativeSettledSequence_IsZero() =>
        Assert.Equal(0UL, new UploadSession(1).BuildAck(-1).CommittedSequence);

    [Fact]
    public async Task WaitForRoomAsync_FewerThanMaxInFlightPending_DoesNotWait()
    {
        var session = new UploadSession(2);
        session.Track(Store(1));

        var wait = session.WaitForRoomAsync();

        Assert.True(wait.IsCompleted);
        await wait;
    }

    [Fact]
    public async Task WaitForRoomAsync_MaxInFlightPending_WaitsForTheOldestToSettle()
    {
        var session = new UploadSession(2);
        var first = Store(1);
        var second = Store(2);
        session.Track(first);
        session.Track(second);

        var wait = session.WaitForRoomAsync().AsTask();
        Assert.False(wait.IsCompleted);

        first.Complete(new CommitOutcome(CommitOutcomeKind.Committed, 3, null, null));
        await wait.WaitAsync(Eventually.DefaultTimeout);

        Assert.False(second.Completion.IsCompleted);
        Assert.Equal(1UL, session.BuildAck(1).BatchesCommitted);
    }

    [Fact]
    public async Task DrainAsync_OneFails_SettlesTheRestThenRethrows()
    {
        var session = new UploadSession(8);
        var failing = Store(1);
        failing.Fail(new StorageUnavailableException("disk full"));
        session.Track(failing);
        Track(session, Store(2), new CommitOutcome(CommitOutcomeKind.Committed, 3, null, null));
        Track(session, Store(3), new CommitOutcome(CommitOutcomeKind.Duplicate, 3, null, null));

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => session.DrainAsync().WaitAsync(Eventually.DefaultTimeout));

        Assert.Equal("disk full", error.Message);
        var ack = session.BuildAck(3);
        Assert.Equal(1UL, ack.BatchesCommitted);
        Assert.Equal(1UL, ack.DuplicateBatches);
    }

    [Fact]
    public async Task DrainAsync_Twice_TalliesEachRequestOnce()
    {
        var session = new UploadSession(8);
        Track(session, Store(1), new CommitOutcome(CommitOutcomeKind.Committed, 3, null, null));

        await session.DrainAsync().WaitAsync(Eventually.DefaultTimeout);
        await session.DrainAsync().WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(1UL, session.BuildAck(1).BatchesCommitted);
    }

    private static CommitRequest Store(long sequence) => CommitRequest.Store(TestBatches.Regular("a", sequence), 0);

    private static void Track(UploadSession session, CommitRequest request, CommitOutcome outcome)
    {
        request.Complete(outcome);
        session.Track(request);
    }
}
