using Grpc.Net.Client;
using Ingest.SensorSimulator.Configuration;

namespace Ingest.SensorSimulator.Hosting;

/// <summary>
/// The one channel every sensor shares: HTTP/2 with as many connections as the streams need, keep-alive
/// pings so that a dead collector is noticed, and no idle timeout.
/// </summary>
internal static class CollectorChannelFactory
{
    public static readonly TimeSpan KeepAlivePingDelay = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan KeepAlivePingTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static GrpcChannel Create(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = KeepAlivePingDelay,
            KeepAlivePingTimeout = KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = ConnectTimeout,
        };
        return GrpcChannel.ForAddress(options.CollectorAddress, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,

            // The sensors retry through their own pipeline, which knows what a retry must settle.
            MaxRetryAttempts = 0,
        });
    }
}
