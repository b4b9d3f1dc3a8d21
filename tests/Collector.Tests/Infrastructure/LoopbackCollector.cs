using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>
/// The collector on real Kestrel at 127.0.0.1 (cleartext HTTP/2), for tests of what only a real HTTP/2 connection
/// shows: streams sharing one connection, Kestrel's limits and timeouts. All channels of one instance share one
/// connection (<see cref="Handler"/>).
/// </summary>
internal sealed class LoopbackCollector : IDisposable
{
    private LoopbackCollector(CollectorFactory collector, int port)
    {
        Collector = collector;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        Handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false };
    }

    public CollectorFactory Collector { get; }

    public Uri Address { get; }

    /// <summary>The one HTTP/2 connection every channel and client of this instance uses.</summary>
    public SocketsHttpHandler Handler { get; }

    /// <summary>Starts <paramref name="collector"/> (settings applied) on a free loopback port.</summary>
    public static LoopbackCollector Start(CollectorFactory collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        var port = FreePorts.Next();
        collector.With("Collector:Address", "127.0.0.1").With("Collector:Port", port.ToString(CultureInfo.InvariantCulture));
        collector.UseKestrel();
        collector.StartServer();
        return new LoopbackCollector(collector, port);
    }

    /// <summary>A channel on the shared connection whose calls carry <paramref name="key"/>, or the key of each service's role when null.</summary>
    public GrpcChannel Channel(string? key = null) => GrpcChannel.ForAddress(Address, new GrpcChannelOptions
    {
        // Behind a handler grpc-dotnet does not look through, so that it leaves the shared connection as it is.
        HttpHandler = new KeyHandler(new SharedConnection(Handler), key),
        DisposeHttpClient = false,
        MaxSendMessageSize = null,
    });

    /// <summary>An HTTP/2 client on the shared connection, for requests written by hand.</summary>
    public HttpClient Client() => new(Handler, disposeHandler: false)
    {
        BaseAddress = Address,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public void Dispose()
    {
        Handler.Dispose();
        Collector.Dispose();
    }

    private sealed class SharedConnection(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(inner, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            _invoker.Dispose();
            base.Dispose(disposing);
        }
    }

}
