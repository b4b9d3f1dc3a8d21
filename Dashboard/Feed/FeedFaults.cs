using System.Globalization;
using Grpc.Core;
using Ingest.Protocol;

namespace Ingest.Dashboard.Feed;

/// <summary>Decides whether a failed attempt is retried, and says why it failed.</summary>
internal static class FeedFaults
{
    /// <summary>
    /// Whether the attempt that ended with <paramref name="exception"/> is retried: never for our own
    /// cancellation or for a fault of the dashboard itself; always when the collector is down, busy, slow or
    /// ended the stream; a refusal (bad argument, permission, protocol) only when <paramref name="retryRefusals"/>.
    /// </summary>
    public static bool ShouldRetry(Exception exception, bool retryRefusals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (cancellationToken.IsCancellationRequested &&
            exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            return false;
        }

        return exception switch
        {
            RpcException rpc => IsTransient(rpc.StatusCode) || retryRefusals,
            StreamEndedException or FeedStalledException => true,
            GreetRefusedException => retryRefusals,
            _ => false,
        };
    }

    /// <summary>Whether the collector or the network is down, busy or slow, as opposed to refusing the call.</summary>
    public static bool IsTransient(StatusCode status) => status is
        StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded or
        StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted or StatusCode.Cancelled;

    /// <summary>Whether <paramref name="exception"/> is a refusal that a retry alone does not fix.</summary>
    public static bool IsRefusal(Exception? exception) =>
        exception is GreetRefusedException || (exception is RpcException rpc && !IsTransient(rpc.StatusCode));

    /// <summary>The collector's retry hint on <paramref name="exception"/>, capped at <see cref="WireProtocol.MaxRetryAfter"/>.</summary>
    public static TimeSpan? RetryAfter(Exception? exception) => exception is RpcException rpc ? WireProtocol.RetryAfter(rpc) : null;

    /// <summary>A one-line description of <paramref name="exception"/> for a person.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RpcException rpc when string.IsNullOrWhiteSpace(rpc.Status.Detail) => rpc.StatusCode.ToString() + Cause(rpc),
        RpcException rpc => $"{rpc.StatusCode}: {OneLine(rpc.Status.Detail)}{Cause(rpc)}",
        GreetRefusedException => $"greeting refused: {OneLine(exception.Message)}",
        _ => OneLine(exception.Message),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>The innermost cause of a client-side failure (e.g. "Connection refused"), which the status detail leaves out.</summary>
    private static string Cause(RpcException rpc)
    {
        var cause = rpc.Status.DebugException;
        while (cause?.InnerException is not null)
        {
            cause = cause.InnerException;
        }

        return cause is null || rpc.Status.Detail.Contains(cause.Message, StringComparison.Ordinal)
            ? ""
            : $" ({OneLine(cause.Message)})";
    }
}
