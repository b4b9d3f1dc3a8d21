using System.Net.Http.Headers;

namespace Ingest.Protocol;

/// <summary>
/// Puts <c>authorization: Bearer &lt;key&gt;</c> on every request of a channel. A handler in the HTTP chain rather
/// than gRPC call credentials: it covers every call on the channel (health checks included) and works the same
/// over http:// and https://, without <c>UnsafeUseInsecureChannelCallCredentials</c>.
/// </summary>
internal sealed class BearerKeyHandler : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _header;

    public BearerKeyHandler(string key, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _header = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _header;
        return base.SendAsync(request, cancellationToken);
    }
}
