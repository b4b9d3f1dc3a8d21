using Grpc.Core;
using Ingest.Dashboard.Diagnostics;
using Ingest.Dashboard.Feed;
using Microsoft.Extensions.Logging;

namespace Ingest.Dashboard.Errors;

/// <summary>
/// How a one-shot command reports a failed collector call: Unavailable and DeadlineExceeded say the collector
/// is unavailable (exit 2, try again); Unauthenticated and PermissionDenied that it refused the key (exit 4, and
/// which setting to change); any other status what the collector answered (exit 3); all with the status and the
/// collector's message as is.
/// </summary>
internal static class CollectorCallErrors
{
    /// <param name="keySetting">The setting that holds the key the call presented, e.g. <c>Dashboard:AdminKey</c>.</param>
    public static async Task<int> ReportAsync(
        string operation, string address, string keySetting, RpcException exception, TextWriter error, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var reason = FeedFaults.Describe(exception);
        logger.CollectorCallFailed(operation, address, reason);
        if (IsKeyRefused(exception))
        {
            await error.WriteLineAsync(KeyRefusedMessage(address, reason, keySetting));
            return ExitCodes.KeyRefused;
        }

        var unavailable = exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
        await error.WriteLineAsync(unavailable
            ? $"error: the collector at {address} is unavailable, try again: {reason}"
            : $"error: the collector at {address} answered {reason}");
        return unavailable ? ExitCodes.CollectorUnreachable : ExitCodes.CollectorError;
    }

    /// <summary>Whether the collector refused the call's key: no key, an unknown key, or a key without the role.</summary>
    public static bool IsKeyRefused(Exception? exception) =>
        exception is RpcException { StatusCode: StatusCode.Unauthenticated or StatusCode.PermissionDenied };

    /// <summary>The line on standard error when the collector refused the key.</summary>
    public static string KeyRefusedMessage(string address, string reason, string keySetting) =>
        $"error: the collector at {address} refused the key: {reason}; set {keySetting} (or pass --key)";
}
