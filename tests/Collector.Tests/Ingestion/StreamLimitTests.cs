using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class StreamLimitTests : IDisposable
{
    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Ingestion:MaxConcurrentUploads", "1")
        .With("Collector:Ingestion:RetryAfter", "00:00:00.250");

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_MoreStreamsThanTheLimit_IsResourceExhaustedWithARetryHint_AndTheOpenStreamCompletes()
    {
        using var open = _collector.Ingestion.Upload(deadline: DateTime.UtcNow.AddSeconds(30));
        await open.RequestStream.WriteAsync(ReadingBatches.Regular("limit-open", 1));
        await Eventually.UntilAsync(() => _collector.Stored.Chunks("limit-open") == 1, "the open stream's first batch is stored", poll: TimeSpan.FromMilliseconds(20));

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync([ReadingBatches.Regular("limit-refused", 1)]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("250", error.Trailers.GetValue("retry-after-ms"));
        Assert.Contains("retry in 250 ms", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Chunks("limit-refused"));

        await open.RequestStream.WriteAsync(ReadingBatches.Regular("limit-open", 2));
        await open.RequestStream.CompleteAsync();
        var ack = await open;
        Assert.Equal(2UL, ack.BatchesCommitted);

        // The slot is free again.
        await _collector.AssertStillServingAsync();
    }
}
