using Grpc.Net.Client;
using Ingest.Dashboard.Configuration;

namespace Ingest.Dashboard.Grpc;

/// <summary>
/// The dashboard's one channel to the collector, shared by every call: HTTP/2 with keep-alive pings so that a
/// dead collector is noticed, a connect timeout, and no retries of its own (the feed loop retries).
/// </summary>
internal static class CollectorChannelFactory
{
    public static readonly TimeSpan KeepAlivePingDelay = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan KeepAlivePingTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The largest message accepted: a chunk of stored readings can be large.</summary>
    public const int MaxReceiveMessageSizeBytes = 16 * 1024 * 1024;

    public static GrpcChannel Create(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            KeepAlivePingDelay = KeepAlivePingDelay,
            KeepAlivePingTimeout = KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = options.ConnectTimeout,
        };
        return GrpcChannel.ForAddress(options.CollectorAddress, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxRetryAttempts = 0,
            MaxReceiveMessageSize = MaxReceiveMessageSizeBytes,
        });
    }
}
