using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class UploadTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_Batches_AreStoredBeforeTheyAreAcknowledged()
    {
        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("upload-basic", 1, 5, count: 100));

        Assert.Equal("upload-basic", ack.SensorId);
        Assert.Equal(5UL, ack.BatchesCommitted);
        Assert.Equal(500UL, ack.ReadingsCommitted);
        Assert.Equal(5UL, ack.CommittedSequence);
        Assert.Equal(0UL, ack.DuplicateBatches);
        Assert.Empty(ack.Rejected);
        Assert.Empty(ack.Gaps);
        Assert.Equal(5, _collector.Stored.Chunks("upload-basic"));
        Assert.Equal(500, _collector.Stored.Readings("upload-basic"));
    }

    [Fact]
    public async Task Upload_ResentBatches_CountAsDuplicatesAndAreNotStoredAgain()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("upload-dup", 1, 4));

        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("upload-dup", 1, 4));

        Assert.Equal(0UL, ack.BatchesCommitted);
        Assert.Equal(4UL, ack.DuplicateBatches);
        Assert.Equal(400UL, ack.DuplicateReadings);
        Assert.Equal(4UL, ack.CommittedSequence);
        Assert.Equal(4, _collector.Stored.Chunks("upload-dup"));
        Assert.Equal(400, _collector.Stored.Readings("upload-dup"));
    }

    [Fact]
    public async Task Upload_OverlappingResend_StoresOnlyTheNewBatches()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("upload-overlap", 1, 5));

        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("upload-overlap", 3, 9));

        Assert.Equal(3UL, ack.DuplicateBatches);
        Assert.Equal(4UL, ack.BatchesCommitted);
        Assert.Equal(9UL, ack.CommittedSequence);
        Assert.Equal(9, _collector.Stored.Chunks("upload-overlap"));
    }

    [Fact]
    public async Task Upload_SequenceGap_IsRecordedAsKnownLoss()
    {
        var ack = await _collector.Ingestion.UploadAsync(
            [ReadingBatches.Regular("upload-gap", 1), ReadingBatches.Regular("upload-gap", 2), ReadingBatches.Regular("upload-gap", 5)]);

        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.Equal(5UL, ack.CommittedSequence);
        var gap = Assert.Single(ack.Gaps);
        Assert.Equal(3UL, gap.FirstSequence);
        Assert.Equal(4UL, gap.LastSequence);
        Assert.Equal(1, _collector.Stored.Gaps("upload-gap"));
        Assert.Equal(2, _collector.Stored.Scalar("SELECT last_sequence - first_sequence + 1 FROM gaps WHERE sensor_id = 'upload-gap'"));
        Assert.Equal(3, _collector.Stored.Chunks("upload-gap"));
    }

    [Fact]
    public async Task Upload_BatchesBehindAGap_ArriveLate_AreRefusedNotAcknowledgedAsDuplicates()
    {
        await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("upload-late", 1), ReadingBatches.Regular("upload-late", 4)]);

        var ack = await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("upload-late", 2), ReadingBatches.Regular("upload-late", 3)]);

        Assert.Equal(0UL, ack.DuplicateBatches);
        Assert.Equal([2UL, 3UL], ack.Rejected.Select(r => r.Sequence));
        Assert.All(ack.Rejected, r => Assert.Contains("settled as lost or rejected", r.Reason, StringComparison.Ordinal));
        Assert.Equal(2, _collector.Stored.Chunks("upload-late"));
    }

    [Fact]
    public async Task Upload_RejectedBatchResentValid_IsRefusedNotAcknowledgedAsDuplicate()
    {
        var bad = ReadingBatches.Regular("upload-reject-resend", 2);
        bad.Readings.Values[0] = double.NaN;
        await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("upload-reject-resend", 1), bad]);

        var ack = await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("upload-reject-resend", 2), ReadingBatches.Regular("upload-reject-resend", 3)]);

        Assert.Equal(0UL, ack.DuplicateBatches);
        Assert.Equal(2UL, Assert.Single(ack.Rejected).Sequence);
        Assert.Equal(1UL, ack.BatchesCommitted);
        Assert.Equal(2, _collector.Stored.Chunks("upload-reject-resend"));
    }

    [Fact]
    public async Task Upload_EmptyStream_AcknowledgesNothing()
    {
        var ack = await _collector.Ingestion.UploadAsync([]);

        Assert.Equal(0UL, ack.BatchesCommitted);
        Assert.Equal(0UL, ack.CommittedSequence);
        Assert.Equal("", ack.SensorId);
    }

    [Fact]
    public async Task Upload_ConcurrentStreamsOfManySensors_AreAllStoredExactlyOnce()
    {
        var sensors = Enumerable.Range(1, 16).Select(i => $"upload-many-{i:D2}").ToArray();

        var acks = await Task.WhenAll(sensors.Select(sensor => _collector.Ingestion.UploadAsync(ReadingBatches.Sequences(sensor, 1, 30, count: 50))));

        Assert.All(acks, ack => Assert.Equal(30UL, ack.BatchesCommitted));
        Assert.Equal(16 * 30, _collector.Stored.Scalar("SELECT count(*) FROM chunks"));
        Assert.Equal(16 * 30, _collector.Stored.Scalar("SELECT count(DISTINCT sensor_id || '/' || sequence) FROM chunks"));
    }
}
