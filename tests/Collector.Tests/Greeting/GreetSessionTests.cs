using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Greeting;

/// <summary>Sessions and the outcomes a greeting tells, through the collector's gRPC services.</summary>
public sealed class GreetSessionTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Greet_EveryGreetingOpensTheNextSession_AndBatchesOfTheOneBeforeAreAborted_NotStored()
    {
        var first = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("sessions"));
        await _collector.Ingestion.UploadAsync([InSession(ReadingBatches.Regular("sessions", 1), first.Session)]);
        var second = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("sessions"));

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync([InSession(ReadingBatches.Regular("sessions", 2), first.Session)]));
        var ack = await _collector.Ingestion.UploadAsync([InSession(ReadingBatches.Regular("sessions", 2, value: 7), second.Session)]);

        Assert.Equal((1UL, 2UL), (first.Session, second.Session));
        Assert.Equal(1UL, second.CommittedSequence);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains($"sent in session {first.Session}, but the sensor greeted again since and its session is {second.Session}", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1UL, ack.BatchesCommitted);
        Assert.Equal(2, _collector.Stored.Chunks("sessions"));
    }

    [Fact]
    public async Task Greet_TellsEachHeldBatchsOutcome_StoredRejectedLostOrStoredWithOtherReadings()
    {
        // 1 and 2 stored, 3 rejected (NaN), 4..5 never arrive, 6 stored.
        var nan = ReadingBatches.Regular("outcomes", 3);
        nan.Readings.Values[0] = double.NaN;
        await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("outcomes", 1), ReadingBatches.Regular("outcomes", 2), nan, ReadingBatches.Regular("outcomes", 6)]);
        var request = IngestionCalls.Greeting("outcomes");
        request.FirstUnsettledSequence = 1;
        request.Held.Add(Held(ReadingBatches.Regular("outcomes", 1)));
        request.Held.Add(Held(ReadingBatches.Regular("outcomes", 2, value: 99)));
        request.Held.Add(Held(ReadingBatches.Regular("outcomes", 6)));

        var reply = await _collector.Greeter.GreetAsync(request);

        Assert.Equal(6UL, reply.CommittedSequence);
        Assert.Equal(6UL, reply.OutcomesThroughSequence);
        Assert.Equal([3UL], reply.Rejected.Select(r => r.Sequence));
        Assert.Contains("NaN", reply.Rejected[0].Reason, StringComparison.Ordinal);
        var gap = Assert.Single(reply.Gaps);
        Assert.Equal((4UL, 5UL), (gap.FirstSequence, gap.LastSequence));
        Assert.Contains("never received", gap.Reason, StringComparison.Ordinal);
        Assert.Equal([2UL], reply.ConflictingSequences);
    }

    [Fact]
    public async Task Greet_LostThrough_RecordsTheGapWithTheSensorsReason_AndResumesAfterIt()
    {
        await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("restarted", 1)]);
        var request = IngestionCalls.Greeting("restarted");
        request.FirstUnsettledSequence = 2;
        request.LostThroughSequence = 4;

        var reply = await _collector.Greeter.GreetAsync(request);

        Assert.Equal(4UL, reply.CommittedSequence);
        var gap = Assert.Single(reply.Gaps);
        Assert.Equal((2UL, 4UL), (gap.FirstSequence, gap.LastSequence));
        Assert.StartsWith("reported lost by the sensor", gap.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _collector.Stored.Gaps("restarted"));
    }

    [Fact]
    public async Task Greet_LostThroughFurtherThanTheSequenceJumpAllows_IsInvalidArgument()
    {
        var request = IngestionCalls.Greeting("far-ahead");
        request.LostThroughSequence = 10_000_000_000;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _collector.Greeter.GreetAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Collector:Ingestion:MaxSequenceJump", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Greet_TooManyHeldBatches_IsInvalidArgument()
    {
        var request = IngestionCalls.Greeting("too-many");
        request.Held.AddRange(Enumerable.Range(1, 1001).Select(i => new Wire.HeldBatch { Sequence = (ulong)i }));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _collector.Greeter.GreetAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("at most 1000", error.Status.Detail, StringComparison.Ordinal);
    }

    private static Wire.ReadingBatch InSession(Wire.ReadingBatch batch, ulong session)
    {
        batch.Session = session;
        return batch;
    }

    private static Wire.HeldBatch Held(Wire.ReadingBatch batch)
    {
        var time = batch.Readings.BaseTimeUnixMicros;
        var timestamps = batch.Readings.TimeDeltasMicros.Select(delta => time += delta).ToArray();
        return new Wire.HeldBatch { Sequence = batch.Sequence, Checksum = ReadingsChecksum.Compute(timestamps, batch.Readings.Values.ToArray()) };
    }
}
