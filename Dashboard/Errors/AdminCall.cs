using Grpc.Core;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;

namespace Ingest.Dashboard.Errors;

/// <summary>
/// Runs a one-shot Admin command and turns its failures into an exit code and a line on standard error: the
/// collector unreachable (or too slow) 2, the key refused 4, any other gRPC error 3 with its status and the collector's message as
/// is, interrupted 130.
/// </summary>
internal static class AdminCall
{
    public static async Task<int> GuardAsync(
        string operation, string address, TextWriter error, ILogger logger, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"Interrupted: {operation} did not finish.");
            return ExitCodes.Interrupted;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"Interrupted: {operation} did not finish.");
            return ExitCodes.Interrupted;
        }
        catch (RpcException exception)
        {
            return await CollectorCallErrors.ReportAsync(
                operation, address, DashboardOptions.AdminKeySetting, exception, error, logger);
        }
    }
}
