using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Connections;

/// <summary>The collector on a real loopback port (Kestrel), with a connection budget of one.</summary>
public sealed class ConnectionBudgetEndpointTests
{
    private readonly int _port = FreePorts.Next();

    [Fact]
    public async Task Greet_OnAConnectionPastTheBudget_IsUnavailableWithARetryHintWhileTheFirstIsServedAndAdmittedOnceItCloses()
    {
        using var collector = Start();
        var admitted = Channel();
        Assert.True((await Greet(admitted, "sim-admitted")).Accepted);

        using var refused = Channel();
        var error = await Assert.ThrowsAsync<RpcException>(() => Greet(refused, "sim-refused"));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("Collector:Connections:MaxConnections", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(3), WireProtocol.RetryAfter(error));
        Assert.True((await Greet(admitted, "sim-admitted")).Accepted);

        admitted.Dispose();
        // The collector releases the slot when it sees the connection close, a moment after the client closed it.
        await Eventually.UntilAsync(async () =>
        {
            using var next = Channel();
            try
            {
                return (await Greet(next, "sim-next")).Accepted;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && WireProtocol.RetryAfter(ex) is not null)
            {
                return false;
            }
        }, "a new connection is admitted", poll: TimeSpan.FromMilliseconds(50));
    }

    private CollectorFactory Start()
    {
        var collector = new CollectorFactory()
            .With("Collector:Address", "127.0.0.1")
            .With("Collector:Port", _port.ToString(CultureInfo.InvariantCulture))
            .With("Collector:Connections:MaxConnections", "1")
            .With("Collector:Connections:RetryAfter", "00:00:03");
        collector.UseKestrel();
        collector.StartServer();
        return collector;
    }

    /// <summary>A channel with a connection of its own.</summary>
    private GrpcChannel Channel() =>
        GrpcChannel.ForAddress($"http://127.0.0.1:{_port}", new GrpcChannelOptions { HttpHandler = new KeyHandler(new SocketsHttpHandler()), DisposeHttpClient = true });

    private static async Task<Wire.GreetReply> Greet(GrpcChannel channel, string sensorId) =>
        await new Wire.Greeter.GreeterClient(channel).GreetAsync(IngestionCalls.Greeting(sensorId), deadline: DateTime.UtcNow.Add(Eventually.DefaultTimeout));

}
