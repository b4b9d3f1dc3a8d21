using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;

namespace Ingest.Collector.Tests.Ingestion;

/// <summary><c>Ingestion.Write</c>, the unary form of Upload: one batch, the same validation and guarantee.</summary>
public sealed class WriteTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Write_Batch_IsStoredBeforeItIsAcknowledged()
    {
        var ack = await _collector.Ingestion.WriteAsync(ReadingBatches.Regular("write-basic", 1, count: 1), WireProtocol.Headers());

        Assert.Equal((1UL, 1UL, 1UL), (ack.BatchesCommitted, ack.ReadingsCommitted, ack.CommittedSequence));
        Assert.Equal(1, _collector.Stored.Readings("write-basic"));
    }

    [Fact]
    public async Task Write_ResentBatch_IsADuplicateAndNotStoredAgain()
    {
        await _collector.Ingestion.WriteAsync(ReadingBatches.Regular("write-dup", 1), WireProtocol.Headers());

        var ack = await _collector.Ingestion.WriteAsync(ReadingBatches.Regular("write-dup", 1), WireProtocol.Headers());

        Assert.Equal((0UL, 1UL), (ack.BatchesCommitted, ack.DuplicateBatches));
        Assert.Equal(1, _collector.Stored.Chunks("write-dup"));
    }

    [Fact]
    public async Task Write_InvalidBatch_IsRejectedInTheAckAndNotStored()
    {
        var batch = ReadingBatches.Regular("write-nan", 1);
        batch.Readings.Values[0] = double.NaN;

        var ack = await _collector.Ingestion.WriteAsync(batch, WireProtocol.Headers());

        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal((int)StatusCode.InvalidArgument, rejected.Code);
        Assert.Contains("NaN", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Chunks("write-nan"));
    }

    [Fact]
    public async Task Write_BadSensorId_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => _collector.Ingestion.WriteAsync(ReadingBatches.Regular("bad id!", 1), WireProtocol.Headers()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
