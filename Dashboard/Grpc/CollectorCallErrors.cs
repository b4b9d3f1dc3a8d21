using Grpc.Core;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Diagnostics;
using Ingest.Dashboard.Feed;
using Microsoft.Extensions.Logging;

namespace Ingest.Dashboard.Grpc;

/// <summary>
/// How a one-shot command reports a failed collector call: Unavailable and DeadlineExceeded say the collector
/// is unavailable (exit 2, try again), any other status what the collector answered (exit 3); both with the
/// status and the collector's message as is.
/// </summary>
internal static class CollectorCallErrors
{
    public static async Task<int> ReportAsync(string operation, string address, RpcException exception, TextWriter error, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var reason = FeedFaults.Describe(exception);
        logger.CollectorCallFailed(operation, address, reason);
        var unavailable = exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
        await error.WriteLineAsync(unavailable
            ? $"error: the collector at {address} is unavailable, try again: {reason}"
            : $"error: the collector at {address} answered {reason}");
        return unavailable ? ExitCodes.CollectorUnreachable : ExitCodes.CollectorError;
    }
}
