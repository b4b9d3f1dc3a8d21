using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Ingestion;

/// <summary>Every row of the bad-input table that applies to Upload: a precise status, a clear message, and the collector keeps serving.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Ingestion:MaxSequenceJump", "100")
        .With("Collector:Ingestion:MaxRejectedBatchesPerStream", "5")
        .With("Collector:Ingestion:MaxReadingsPerBatch", "1000")
        .With("Collector:Ingestion:MaxMessageSizeBytes", "65536");

    public void Dispose() => _collector.Dispose();

    public static TheoryData<string, string> BadBatches => new()
    {
        { "nan", "finite" },
        { "positive-infinity", "finite" },
        { "negative-infinity", "finite" },
        { "no-readings", "no readings" },
        { "too-many-readings", "at most 1000" },
        { "missing-deltas", "time deltas" },
        { "before-2000", "before 2000" },
        { "far-future", "ahead of the collector's clock" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Upload_BadBatch_IsRejectedAsInvalidArgumentNotStored_AndTheStreamGoesOn(string kind, string reasonFragment)
    {
        var sensor = "bad-" + kind;
        var bad = Batches.Regular(sensor, 2);
        Spoil(bad, kind);

        var ack = await _collector.Ingestion.UploadAsync([Batches.Regular(sensor, 1), bad, Batches.Regular(sensor, 3)]);

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
            [Batches.Regular("bad-seq0", 1), Batches.Regular("bad-seq0", 0), Batches.Regular("bad-seq0", 2)]);

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
            [Batches.Regular("bad-jump", 1), Batches.Regular("bad-jump", 1UL << 62), Batches.Regular("bad-jump", 2)]);

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
            var batch = Batches.Regular("bad-many", (ulong)i);
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
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync([Batches.Regular(sensorId, 1)]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("sensor_id", error.Status.Detail, StringComparison.Ordinal);
        await _collector.AssertStillServingAsync();
    }

    [Fact]
    public async Task Upload_SecondSensorInOneStream_EndsTheStreamWithInvalidArgument_AfterCommittingTheFirst()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _collector.Ingestion.UploadAsync([Batches.Regular("bad-mix-a", 1), Batches.Regular("bad-mix-b", 1)]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("bad-mix-a", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("bad-mix-b", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _collector.Stored.Chunks("bad-mix-a"));
        Assert.Equal(0, _collector.Stored.Chunks("bad-mix-b"));
        var reply = await _collector.Greeter.GreetAsync(Batches.Greeting("bad-mix-a"));
        Assert.Equal(1UL, reply.CommittedSequence);
    }

    [Fact]
    public async Task Upload_MessageOverTheSizeLimit_IsResourceExhausted()
    {
        var huge = Batches.Regular("bad-huge", 1, count: 900);
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

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync([Batches.Regular("bad-proto", 1)], headers));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains(version, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Chunks("bad-proto"));
        await _collector.AssertStillServingAsync();
    }

    private static void Spoil(Wire.ReadingBatch batch, string kind)
    {
        var readings = batch.Readings;
        switch (kind)
        {
            case "nan": readings.Values[5] = double.NaN; break;
            case "positive-infinity": readings.Values[5] = double.PositiveInfinity; break;
            case "negative-infinity": readings.Values[5] = double.NegativeInfinity; break;
            case "no-readings": readings.Values.Clear(); readings.TimeDeltasMicros.Clear(); break;
            case "too-many-readings":
                readings.Values.Add(Enumerable.Repeat(1.0, 901));
                readings.TimeDeltasMicros.Add(Enumerable.Repeat(10_000L, 901));
                break;
            case "missing-deltas": readings.TimeDeltasMicros.RemoveAt(0); break;
            case "before-2000": readings.BaseTimeUnixMicros = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000; break;
            case "far-future": readings.BaseTimeUnixMicros = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds() * 1000; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
