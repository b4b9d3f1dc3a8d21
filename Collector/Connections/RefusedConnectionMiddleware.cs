using System.Globalization;
using Grpc.Core;
using Ingest.Protocol;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Ingest.Collector.Connections;

/// <summary>
/// Answers every call on a connection that <see cref="ConnectionAdmission"/> refused, before any service or key check runs:
/// a gRPC trailers-only response, <c>Unavailable</c> with the reason and a <c>retry-after-ms</c> hint, and asks Kestrel
/// to close the connection (HTTP/2 GOAWAY once its streams are done). The client sees an <see cref="RpcException"/> with
/// that status and trailer, not a reset or a timeout.
/// </summary>
internal sealed class RefusedConnectionMiddleware(RequestDelegate next, ConnectionAdmission admission)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (admission.RefusalOf(context.Connection.Id) is not { } refusal)
        {
            return next(context);
        }

        var milliseconds = WireProtocol.FormatRetryAfter(refusal.RetryAfter);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)StatusCode.Unavailable).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString($"{refusal.Message}; retry in {milliseconds} ms");
        response.Headers[WireProtocol.RetryAfterTrailer] = milliseconds;
        context.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
        return Task.CompletedTask;
    }
}
