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
/// <c>--once</c>: subscribes to every collector at once and waits, for at most <c>--timeout</c> and retrying each
/// collector while it is unreachable, until each has completed its snapshot or failed (and one has completed); prints
/// the merged snapshot as a table (or as JSON lines with <c>--json</c>) and exits, with a warning on standard error
/// for each collector left out. Exit code 2 when no snapshot arrived in time, 4 when the collectors refused the key,
/// 3 when they refused the subscription otherwise.
/// </summary>
internal sealed class OnceCommand
{
    private readonly FleetLoop _fleet;
    private readonly DashboardOptions _options;
    private readonly TimeProvider _time;

    public OnceCommand(FleetLoop fleet, IOptions<DashboardOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fleet = fleet;
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
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var store = new FleetStore(_fleet.Addresses, _options.SparklineWindows, _time);
        using var timeout = new CancellationTokenSource(request.Timeout, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var run = _fleet.RunAsync(subscription, store.ObserverFor, retryRefusals: false, store.Stopped, stop.Token);
        try
        {
            await store.Settled.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Interrupted or timed out: decided below from what arrived.
        }

        await stop.CancelAsync();
        await run;

        var progress = store.Progress;
        if (!progress.Any(collector => collector.SnapshotReceived))
        {
            return await FailedAsync(progress, request.Timeout, timeout.IsCancellationRequested, error, cancellationToken);
        }

        foreach (var collector in progress.Where(collector => !collector.SnapshotReceived))
        {
            await error.WriteLineAsync(
                $"warning: the snapshot leaves out the collector at {collector.Address}: {LeftOutReason(collector, request.Timeout)}");
        }

        var state = store.Current;
        if (request.Json)
        {
            WriteJson(state, output, error);
            return ExitCodes.Success;
        }

        var settings = new ViewSettings(request.Filter, request.Sort, request.Window);
        console.Write(DashboardView.Render(state, settings, console.Profile.Width, int.MaxValue, _time.GetUtcNow(), live: false));
        return ExitCodes.Success;
    }

    /// <summary>No snapshot arrived: interrupted, every collector refused, or none answered in time.</summary>
    private static async Task<int> FailedAsync(
        IReadOnlyList<CollectorProgress> progress, TimeSpan within, bool timedOut, TextWriter error, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Interrupted before the collector's snapshot arrived.");
            return ExitCodes.Interrupted;
        }

        if (!timedOut && progress.FirstOrDefault(collector => collector.Stopped is not null) is { Stopped: { } refusal } refused)
        {
            if (CollectorCallErrors.IsKeyRefused(refusal))
            {
                await error.WriteLineAsync(
                    CollectorCallErrors.KeyRefusedMessage(refused.Address, FeedFaults.Describe(refusal), DashboardOptions.ApiKeySetting));
                return ExitCodes.KeyRefused;
            }

            await error.WriteLineAsync(
                $"error: the collector at {refused.Address} refused the subscription: {FeedFaults.Describe(refusal)}");
            return ExitCodes.CollectorError;
        }

        foreach (var collector in progress)
        {
            await error.WriteLineAsync(TimeoutMessage(collector, within));
        }

        return ExitCodes.CollectorUnreachable;
    }

    /// <summary>The line that says why no snapshot of <paramref name="collector"/> arrived within <paramref name="timeout"/>.</summary>
    public static string TimeoutMessage(CollectorProgress collector, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(collector);
        return $"error: {LeftOutReason(collector, timeout)}";
    }

    private static string LeftOutReason(CollectorProgress collector, TimeSpan timeout)
    {
        var within = ValueFormat.Duration(timeout);
        var address = collector.Address;
        return collector.Stopped is { } refusal
            ? $"the collector at {address} refused the subscription: {FeedFaults.Describe(refusal)}"
            : collector.LastFailure is { } failure
                ? $"could not reach the collector at {address} within {within}: {failure}"
                : collector.Greeted
                    ? $"the collector at {address} did not complete its snapshot within {within}"
                    : $"no answer from the collector at {address} within {within}";
    }

    /// <summary>The merged snapshot as <c>--json</c> lines: the fleet's statistics, a window per sensor, snapshot_complete.</summary>
    private static void WriteJson(DashboardState state, TextWriter output, TextWriter error)
    {
        var writer = new JsonLinesWriter(output, error, state.Connection.Address);
        if (state.Totals is { } totals)
        {
            writer.OnUpdate(new StatisticsUpdate(totals));
        }

        var rows = RowOrdering.Sort(state.Rows.Values, SortOrder.Id);
        foreach (var row in rows)
        {
            writer.OnUpdate(new WindowUpdate(row.Latest));
        }

        writer.OnUpdate(new SnapshotCompleted((uint)rows.Count));
    }
}
