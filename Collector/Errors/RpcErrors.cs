using System.Globalization;
using Grpc.Core;

namespace Ingest.Collector.Errors;

/// <summary>The errors the collector answers with: each a precise status and a message a person can act on.</summary>
internal static class RpcErrors
{
    /// <summary>The trailer that tells a client how long to wait before retrying, in milliseconds.</summary>
    public const string RetryAfterTrailer = "retry-after-ms";

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    public static RpcException DataLoss(string message) => new(new Status(StatusCode.DataLoss, message));

    public static RpcException ResourceExhausted(string message, TimeSpan retryAfter)
    {
        var milliseconds = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        return new RpcException(
            new Status(StatusCode.ResourceExhausted, $"{message}; retry in {milliseconds} ms"),
            new Metadata { { RetryAfterTrailer, milliseconds } });
    }

    public static RpcException ShuttingDown() => Unavailable("the collector is shutting down; retry against it or another collector");
}
