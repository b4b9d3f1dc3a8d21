using Ingest.Collector.Diagnostics;

namespace Ingest.Collector.Security;

/// <summary>
/// Admits a Prometheus scrape by <c>Collector:Security:Metrics</c>: anyone while it is Open; with Key, a viewer or admin
/// key as <c>Authorization: Bearer &lt;key&gt;</c>, 401 without a known key, 403 for a sensor key (sensor keys live on
/// devices, and the metrics tell about the whole fleet). Refusals are counted as <c>ingest.calls.refused</c>.
/// </summary>
internal sealed class ScrapeAccess(RequestDelegate next, KeyTable keys, RefusedCalls refused)
{
    private const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (keys.Metrics == AccessMode.Open)
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        var caller = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? keys.Find(header[Scheme.Length..].Trim()) : null;
        if (caller is null)
        {
            _ = refused.Count(RefusedCalls.Unauthenticated);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        }

        if (caller.Role == CallerRole.Sensor)
        {
            _ = refused.Count(RefusedCalls.PermissionDenied);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
