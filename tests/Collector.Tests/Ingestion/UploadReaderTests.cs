using Grpc.Core;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class UploadReaderTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task MoveNextAsync_TheStreamFailsWithAnIOException_EndsTheCallAsCancelled()
    {
        // What Kestrel throws from the request body when the client reset the stream or its connection went.
        var stream = new FailingStream(new IOException("The client reset the request stream."));
        using var reader = new UploadReader(stream, _collector.Services.GetRequiredService<UploadIdleTimeouts>(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await reader.MoveNextAsync(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Contains("The client reset the request stream.", error.Status.Detail, StringComparison.Ordinal);
        Assert.False(reader.TimedOut);
    }

    private sealed class FailingStream(Exception failure) : IAsyncStreamReader<Wire.ReadingBatch>
    {
        public Wire.ReadingBatch Current => throw new InvalidOperationException("no message was read");

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromException<bool>(failure);
    }
}
