using Grpc.Core;
using Ingest.Collector.Tests.BadInput;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Ingestion;

/// <summary>Every row of the bad-input table that applies to Upload: a precise status, a clear message, and the collector keeps serving.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Ingestion:MaxSequenceJump", "100")
        .With("Collector:Ingestion:MaxRejectedBatchesPerStream", "5")
        .With("Collector:Ingestion:MaxReadingsPerBatch", BadBatchRows.MaxReadings.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Collector:Ingestion:MaxMessageSizeBytes", "65536");

    public void Dispose() => _collector.Dispose();

    /// <summary>The bad-batch rows of the table (<see cref="BadBatchRows"/>) but sequence 0, which leaves a gap here: its own test below sends it between 1 and 2.</summary>
    public static TheoryData<string, string> BadBatches()
    {
        var data = new TheoryData<string, string>();
        foreach (var (row, reason) in BadBatchRows.All.Where(r => r.Row != BadBatchRows.SequenceZero))
        {
            data.Add(row, reason);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Upload_BadBatch_IsRejectedAsInvalidArgumentNotStored_AndTheStreamGoesOn(string kind, string reasonFragment)
    {
        var sensor = "bad-" + kind;
        var bad = BadBatchRows.Spoil(ReadingBatches.Regular(sensor, 2), kind);

        var ack = await _collector.Ingestion.UploadAsync([ReadingBatches.Regular(sensor, 1), bad, ReadingBatches.Regular(sensor, 3)]);

        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal(2UL, rejected.Sequence);
        Assert.Equal((int)StatusCode.InvalidArgument, rejected.Code);
        Assert.Contains(reasonFragment, rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(2UL, ack.BatchesCommitted);
        Assert.Equal(3UL, ack.CommittedSequence);
        Assert.Empty(ack.Gaps);
        Assert.Equal(2, _collector.Stored.Chunks(sensor));
        Assert.Equal(0, _collector.Stored.Scalar($"SELECT count(*) FROM chunks WHERE sensor_id = '{sensor}' AND sequence = 2"));
        Assert.Equal(1, _collector.Stored.Rejects(sensor));
        await _collector.AssertStillServingAsync();
    }

    [Fact]
    public async Task Upload_SequenceZero_IsRejectedAsInvalidArgumentWithoutSettlingAnything()
    {
        var ack = await _collector.Ingestion.UploadAsync(
            [ReadingBatches.Regular("bad-seq0", 1), ReadingBatches.Regular("bad-seq0", 0), ReadingBatches.Regular("bad-seq0", 2)]);

        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal(0UL, rejected.Sequence);
        Assert.Equal((int)StatusCode.InvalidArgument, rejected.Code);
        Assert.Contains("sequence is 0", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(2UL, ack.BatchesCommitted);
        Assert.Empty(ack.Gaps);
        Assert.Equal(2, _collector.Stored.Chunks("bad-seq0"));
    }

    [Fact]
    public async Task Upload_SequenceFarAhead_IsRejectedWithoutSettling_SoLaterBatchesStillCommit()
    {
        var ack = await _collector.Ingestion.UploadAsync(
            [ReadingBatches.Regular("bad-jump", 1), ReadingBatches.Regular("bad-jump", 1UL << 62), ReadingBatches.Regular("bad-jump", 2)]);

        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal(1UL << 62, rejected.Sequence);
        Assert.Contains("more than 100 above", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(2UL, ack.BatchesCommitted);
        Assert.Equal(2UL, ack.CommittedSequence);
        Assert.Empty(ack.Gaps);
    }

    [Fact]
    public async Task Upload_MoreRejectsThanTheStreamLimit_EndsTheStreamWithInvalidArgument()
    {
        var batches = Enumerable.Range(1, 8).Select(i =>
        {
            var batch = ReadingBatches.Regular("bad-many", (ulong)i);
            batch.Readings.Values[0] = double.NaN;
            return batch;
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(batches));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("more than 5 batches", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Chunks("bad-many"));
        await _collector.AssertStillServingAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("white space")]
    [InlineData("semi;colon")]
    public async Task Upload_BadSensorId_EndsTheStreamWithInvalidArgument(string sensorId)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync([ReadingBatches.Regular(sensorId, 1)]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("sensor_id", error.Status.Detail, StringComparison.Ordinal);
        await _collector.AssertStillServingAsync();
    }

    [Fact]
    public async Task Upload_SecondSensorInOneStream_EndsTheStreamWithInvalidArgument_AfterCommittingTheFirst()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _collector.Ingestion.UploadAsync([ReadingBatches.Regular("bad-mix-a", 1), ReadingBatches.Regular("bad-mix-b", 1)]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("bad-mix-a", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("bad-mix-b", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _collector.Stored.Chunks("bad-mix-a"));
        Assert.Equal(0, _collector.Stored.Chunks("bad-mix-b"));
        var reply = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("bad-mix-a"));
        Assert.Equal(1UL, reply.CommittedSequence);
    }

    [Fact]
    public async Task Upload_MessageOverTheSizeLimit_IsResourceExhausted()
    {
        var huge = ReadingBatches.Regular("bad-huge", 1, count: 900);
        huge.Readings.Values.Add(Enumerable.Repeat(1.0, 9000));
        huge.Readings.TimeDeltasMicros.Add(Enumerable.Repeat(1L, 9000));

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync([huge]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, _collector.Stored.Chunks("bad-huge"));
        await _collector.AssertStillServingAsync();
    }

    [Theory]
    [InlineData("2")]
    [InlineData("one")]
    public async Task Upload_ProtocolVersionNotSpoken_FailsPrecondition(string version)
    {
        var headers = new Metadata { { "ingest-protocol-version", version } };

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync([ReadingBatches.Regular("bad-proto", 1)], headers));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains(version, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Chunks("bad-proto"));
        await _collector.AssertStillServingAsync();
    }
}
