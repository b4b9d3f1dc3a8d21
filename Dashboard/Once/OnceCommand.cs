using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Lines;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Ingest.Dashboard.Once;

/// <summary>
/// <c>--once</c>: waits for the collector's snapshot, retrying while the collector is unreachable, for at most
/// <c>--timeout</c>; prints it as a table (or as JSON lines with <c>--json</c>) and exits. Exit code 2 when the
/// snapshot did not arrive in time, 4 when the collector refused the key, 3 when it refused the subscription otherwise.
/// </summary>
internal sealed class OnceCommand
{
    private readonly FeedLoop _loop;
    private readonly DashboardOptions _options;
    private readonly TimeProvider _time;

    public OnceCommand(FeedLoop loop, IOptions<DashboardOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _loop = loop;
        _options = options.Value;
        _time = time;
    }

    public async Task<int> RunAsync(
        ViewRequest request,
        SubscriptionRequest subscription,
        IAnsiConsole console,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        var address = _options.CollectorAddress;
        var store = new StateStore(DashboardState.Initial(address, _options.SparklineWindows), _time);
        using var waiter = new SnapshotWaiter(request.Json ? new JsonLinesWriter(output, error, address) : store);
        using var timeout = new CancellationTokenSource(request.Timeout, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, waiter.Done);
        try
        {
            await _loop.RunAsync(subscription, waiter, retryRefusals: false, stop.Token);
        }
        catch (OperationCanceledException) when (waiter.SnapshotReceived)
        {
            // The snapshot is complete: what --once waits for.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Interrupted before the collector's snapshot arrived.");
            return ExitCodes.Interrupted;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await error.WriteLineAsync(TimeoutMessage(waiter, address, request.Timeout));
            return ExitCodes.CollectorUnreachable;
        }
        catch (Exception exception) when (CollectorCallErrors.IsKeyRefused(exception))
        {
            await error.WriteLineAsync(CollectorCallErrors.KeyRefusedMessage(address, FeedFaults.Describe(exception), DashboardOptions.ApiKeySetting));
            return ExitCodes.KeyRefused;
        }
        catch (Exception exception) when (FeedFaults.IsRefusal(exception))
        {
            await error.WriteLineAsync($"error: the collector at {address} refused the subscription: {FeedFaults.Describe(exception)}");
            return ExitCodes.CollectorError;
        }

        if (!request.Json)
        {
            var settings = new ViewSettings(request.Filter, request.Sort, request.Window);
            console.Write(DashboardView.Render(store.Current, settings, console.Profile.Width, int.MaxValue, _time.GetUtcNow(), live: false));
        }

        return ExitCodes.Success;
    }

    public static string TimeoutMessage(SnapshotWaiter waiter, string address, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(waiter);
        var within = ValueFormat.Duration(timeout);
        return waiter.LastFailure is { } failure
            ? $"error: could not reach the collector at {address} within {within}: {failure}"
            : waiter.Connected
                ? $"error: the collector at {address} did not complete its snapshot within {within}"
                : $"error: no answer from the collector at {address} within {within}";
    }
}
