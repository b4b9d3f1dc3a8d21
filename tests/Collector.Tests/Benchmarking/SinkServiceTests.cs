using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Benchmarking;

public sealed class SinkServiceTests
{
    [Fact]
    public async Task Discard_SinkEnabled_CountsTheBatchesAndStoresNothing()
    {
        using var collector = new CollectorFactory().With("Collector:Benchmark:SinkEnabled", "true");

        var ack = await DiscardAsync(collector, ReadingBatches.Sequences("sink-on", 1, 5, count: 100));

        Assert.Equal((5UL, 500UL, 5UL), (ack.BatchesCommitted, ack.ReadingsCommitted, ack.CommittedSequence));
        Assert.Equal(0, collector.Stored.Chunks("sink-on"));
    }

    [Fact]
    public async Task Discard_UploadLimitReached_IsResourceExhaustedWithARetryHint()
    {
        using var collector = new CollectorFactory()
            .With("Collector:Benchmark:SinkEnabled", "true")
            .With("Collector:Ingestion:MaxConcurrentUploads", "1");
        var client = new Wire.Sink.SinkClient(collector.Channel);
        AsyncClientStreamingCall<Wire.ReadingBatch, Wire.UploadAck>? open = null;
        try
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    // The streams race for the slot: when a probe won it, the stream meant to hold it was refused; open it again.
                    if (open is null || open.ResponseAsync.IsCompleted)
                    {
                        open?.Dispose();
                        open = client.Discard(WireProtocol.Headers(), deadline: DateTime.UtcNow.AddSeconds(30));
                        await open.RequestStream.WriteAsync(ReadingBatches.Regular("sink-first", 1));
                    }

                    try
                    {
                        await DiscardAsync(collector, ReadingBatches.Sequences("sink-probe", 1, 1));
                        return false;
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
                    {
                        Assert.Contains("1 upload streams are open", ex.Status.Detail, StringComparison.Ordinal);
                        Assert.NotNull(ex.Trailers.GetValue("retry-after-ms"));
                        return true;
                    }
                },
                "a second stream is refused while the first holds the only slot");
        }
        finally
        {
            open?.Dispose();
        }
    }

    [Fact]
    public async Task Discard_SinkNotEnabled_IsUnimplemented()
    {
        using var collector = new CollectorFactory();

        var error = await Assert.ThrowsAsync<RpcException>(() => DiscardAsync(collector, ReadingBatches.Sequences("sink-off", 1, 1)));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    private static async Task<Wire.UploadAck> DiscardAsync(CollectorFactory collector, IEnumerable<Wire.ReadingBatch> batches)
    {
        using var call = new Wire.Sink.SinkClient(collector.Channel).Discard(WireProtocol.Headers(), deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            foreach (var batch in batches)
            {
                await call.RequestStream.WriteAsync(batch);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The collector ended the call while we were still writing: its status says why.
        }

        return await call;
    }
}
