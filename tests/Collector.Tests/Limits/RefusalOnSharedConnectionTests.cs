using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Limits;

public sealed class RefusalOnSharedConnectionTests : IDisposable
{
    private readonly int _port = FreePort();
    private readonly CollectorFactory _collector;

    public RefusalOnSharedConnectionTests()
    {
        _collector = new CollectorFactory()
            .With("Collector:Port", _port.ToString(CultureInfo.InvariantCulture))
            .With("Collector:Ingestion:MaxConcurrentUploads", "1");
        _collector.UseKestrel();
        _collector.StartServer();
    }

    public void Dispose() => _collector.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Upload_RefusedStreamsOnTheSameConnection_LeaveTheOpenStreamAlone()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_port}", new GrpcChannelOptions
        {
            HttpHandler = new KeyHandler(new SocketsHttpHandler()),
        });
        var client = new Wire.Ingestion.IngestionClient(channel);
        using var open = client.Upload(deadline: DateTime.UtcNow.AddSeconds(60));
        ulong sequence = 1;
        await open.RequestStream.WriteAsync(Batches.Regular("shared-open", sequence++, 1000));
        await Eventually.UntilAsync(() => _collector.Stored.Chunks("shared-open") == 1, "the open stream's first batch is stored", poll: TimeSpan.FromMilliseconds(20));

        var refused = Enumerable.Range(0, 100).Select(async i =>
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => client.UploadAsync(Batches.Sequences($"shared-refused-{i}", 1, 20, 10_000)));
            return error.StatusCode;
        }).ToList();
        while (refused.Any(t => !t.IsCompleted))
        {
            await open.RequestStream.WriteAsync(Batches.Regular("shared-open", sequence++, 1000));
        }

        var codes = await Task.WhenAll(refused);
        await open.RequestStream.CompleteAsync();
        var ack = await open;

        Assert.All(codes, code => Assert.Equal(StatusCode.ResourceExhausted, code));
        Assert.Equal(sequence - 1, ack.BatchesCommitted);
    }
}
