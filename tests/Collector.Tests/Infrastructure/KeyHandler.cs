using System.Net.Http.Headers;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>
/// Adds <c>authorization: Bearer &lt;key&gt;</c> to every gRPC call that does not carry one: a fixed key, or the
/// key for the called service (<see cref="TestKeys.ForPath"/>) when none is given.
/// </summary>
internal sealed class KeyHandler(HttpMessageHandler inner, string? key = null) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && request.RequestUri is { } uri)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? TestKeys.ForPath(uri.AbsolutePath));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
