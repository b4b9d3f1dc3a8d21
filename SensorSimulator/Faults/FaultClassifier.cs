using Grpc.Core;
using Polly.CircuitBreaker;

namespace Ingest.SensorSimulator.Faults;

/// <summary>Decides how a failed attempt is handled, from its exception.</summary>
internal static class FaultClassifier
{
    /// <summary>
    /// The kind of <paramref name="exception"/>; <see cref="FaultKind.None"/> when it is our own cancellation
    /// (<paramref name="cancellationToken"/> is cancelled), which must end the retries.
    /// </summary>
    public static FaultKind Classify(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (cancellationToken.IsCancellationRequested &&
            exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            return FaultKind.None;
        }

        return exception switch
        {
            RpcException rpc => Classify(rpc.StatusCode),
            IOException or HttpRequestException or BrokenCircuitException or ControlStreamLostException => FaultKind.Transient,

            // A timeout inside the HTTP stack, not our token.
            OperationCanceledException => FaultKind.Transient,
            _ => FaultKind.Misconfiguration,
        };
    }

    /// <summary>Whether a failed attempt is tried again: any failure but our own cancellation and a refused key.</summary>
    public static bool IsRetried(Exception? exception, CancellationToken cancellationToken) =>
        exception is not null && Classify(exception, cancellationToken) is not (FaultKind.None or FaultKind.KeyRefused);

    /// <summary>
    /// Whether a failed attempt says that this collector cannot take the sensor now, so that another collector might:
    /// it is unreachable (a refused or timed-out connection, <c>Unavailable</c>, <c>DeadlineExceeded</c>, a control
    /// stream gone silent or ended), refuses work (<c>ResourceExhausted</c>), or kept failing (an open circuit). Not our
    /// own cancellation, a refused key, a fenced session (<c>Aborted</c>) or a bad request, which another collector
    /// would answer the same.
    /// </summary>
    public static bool IsCollectorDown(Exception? exception, CancellationToken cancellationToken)
    {
        if (exception is null || Classify(exception, cancellationToken) != FaultKind.Transient)
        {
            return false;
        }

        return exception switch
        {
            RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded,
            _ => true,
        };
    }

    /// <summary>Whether <paramref name="exception"/> says the collector refused the key.</summary>
    public static bool IsKeyRefused(Exception exception) =>
        exception is RpcException rpc && Classify(rpc.StatusCode) == FaultKind.KeyRefused;

    /// <summary>The kind of a call that ended with <paramref name="status"/>.</summary>
    public static FaultKind Classify(StatusCode status) => status switch
    {
        StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded or
            StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted or StatusCode.Cancelled => FaultKind.Transient,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => FaultKind.KeyRefused,
        _ => FaultKind.Misconfiguration,
    };

    /// <summary>A short description of <paramref name="exception"/> for a log line.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RpcException rpc when string.IsNullOrEmpty(rpc.Status.Detail) => rpc.StatusCode.ToString(),
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
