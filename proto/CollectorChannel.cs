using Grpc.Net.Client;

namespace Ingest.Protocol;

/// <summary>
/// The one channel a program keeps to the collector, shared by all its calls: HTTP/2 with as many
/// connections as the streams need, keep-alive pings so that a dead collector or a stalled link is noticed
/// (<see cref="KeepAliveOptions"/>), no idle timeout,
/// and no retries of its own (each program retries through its own Polly pipeline, which knows what a
/// retry must settle). Every call carries the program's key (<see cref="BearerKeyHandler"/>); an https:// address
/// trusts the configured CA and presents the configured client certificate (<see cref="CollectorTls"/>).
/// </summary>
public static class CollectorChannel
{
    /// <param name="address">The collector's endpoint, e.g. http://127.0.0.1:5000.</param>
    /// <param name="connectTimeout">How long a connection attempt may take.</param>
    /// <param name="apiKey">The key sent as <c>authorization: Bearer</c> on every call.</param>
    /// <param name="tls">The TLS client settings; <paramref name="tlsSection"/> names their section in error messages.</param>
    /// <param name="tlsSection">Where <paramref name="tls"/> came from, e.g. <c>Simulator:Tls</c>.</param>
    /// <param name="maxReceiveMessageSizeBytes">The largest message accepted; null keeps gRPC's 4 MiB.</param>
    /// <param name="keepAlive">The keep-alive pings; null keeps the defaults of <see cref="KeepAliveOptions"/>.</param>
    public static GrpcChannel Create(
        string address,
        TimeSpan connectTimeout,
        string apiKey,
        CollectorTlsOptions tls,
        string tlsSection,
        int? maxReceiveMessageSizeBytes = null,
        KeepAliveOptions? keepAlive = null)
    {
        ArgumentNullException.ThrowIfNull(tls);
        keepAlive ??= new KeepAliveOptions();
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new InvalidOperationException(
                $"No key to present to the collector at {address}: the program's ApiKey setting is empty; set it to a key the collector knows.");
        }

        if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) &&
            (!string.IsNullOrWhiteSpace(tls.CaPath) || !string.IsNullOrWhiteSpace(tls.ClientCertificatePath)))
        {
            // TLS settings on a plain-text address mean a mistake, and plain text would carry the key to anyone listening.
            throw new InvalidOperationException(
                $"The collector address {address} is plain http://, but {tlsSection} sets CaPath or ClientCertificatePath for TLS: " +
                $"the calls and the key on them would travel unencrypted. Use the collector's https:// address, or remove the {tlsSection} settings.");
        }

        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = keepAlive.PingDelay,
            KeepAlivePingTimeout = keepAlive.PingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = connectTimeout,
        };
        CollectorTls.Apply(handler, tls, tlsSection);
        var options = new GrpcChannelOptions { HttpHandler = new BearerKeyHandler(apiKey, handler), DisposeHttpClient = true, MaxRetryAttempts = 0 };
        if (maxReceiveMessageSizeBytes is { } size)
        {
            options.MaxReceiveMessageSize = size;
        }

        return GrpcChannel.ForAddress(address, options);
    }
}
