using Grpc.Core;
using Ingest.Protocol;

namespace Ingest.Collector.Errors;

/// <summary>The errors the collector answers with: each a precise status and a message a person can act on.</summary>
internal static class RpcErrors
{
    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException Unauthenticated(string message) => new(new Status(StatusCode.Unauthenticated, message));

    public static RpcException PermissionDenied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    public static RpcException DeadlineExceeded(string message) => new(new Status(StatusCode.DeadlineExceeded, message));

    public static RpcException Aborted(string message) => new(new Status(StatusCode.Aborted, message));

    public static RpcException DataLoss(string message) => new(new Status(StatusCode.DataLoss, message));

    public static RpcException ResourceExhausted(string message, TimeSpan retryAfter)
    {
        var milliseconds = WireProtocol.FormatRetryAfter(retryAfter);
        return new RpcException(
            new Status(StatusCode.ResourceExhausted, $"{message}; retry in {milliseconds} ms"),
            new Metadata { { WireProtocol.RetryAfterTrailer, milliseconds } });
    }

    public static RpcException ShuttingDown() => Unavailable("the collector is shutting down; retry against it or another collector");
}
