using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Ingest.Dashboard.Live;

/// <summary>
/// The live view: every collector's feed loop updates the merged state in the background while a Spectre live display redraws it
/// every <see cref="DashboardOptions.RefreshInterval"/> at the console's current size, until <c>q</c>, Ctrl-C or
/// SIGTERM. The cursor is shown again on every way out.
/// </summary>
internal sealed class LiveView
{
    private readonly FleetLoop _fleet;
    private readonly DashboardOptions _options;
    private readonly TimeProvider _time;

    public LiveView(FleetLoop fleet, IOptions<DashboardOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fleet = fleet;
        _options = options.Value;
        _time = time;
    }

    /// <param name="keys">Where keys come from; null when the console's input is not interactive.</param>
    public async Task<int> RunAsync(
        SubscriptionRequest subscription,
        ViewSettings settings,
        IAnsiConsole console,
        Func<ConsoleKeyInfo?>? keys,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var store = new FleetStore(_fleet.Addresses, _options.SparklineWindows, _time);
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? fault = null;
        var feed = _fleet.RunAsync(
            subscription, store.ObserverFor, retryRefusals: true, (_, exception) => fault ??= exception, quit.Token);
        var keyboard = keys is null ? Task.CompletedTask : KeyboardListener.RunAsync(keys, quit.Cancel, _time, quit.Token);
        try
        {
            await console.Live(Render(store, settings, console))
                .AutoClear(false)
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Bottom)
                .StartAsync(async context =>
                {
                    using var timer = new PeriodicTimer(_options.RefreshInterval, _time);
                    while (!feed.IsCompleted && await TickAsync(timer, quit.Token))
                    {
                        context.UpdateTarget(Render(store, settings, console));
                    }
                });
        }
        finally
        {
            await quit.CancelAsync();
            console.Cursor.Show();
        }

        await keyboard;
        await feed;

        // Refusals are retried, so only a fault of the view itself stops a collector's loop.
        if (fault is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        }

        return ExitCodes.Success;
    }

    private Spectre.Console.Rendering.IRenderable Render(FleetStore store, ViewSettings settings, IAnsiConsole console) =>
        DashboardView.Render(store.Current, settings, console.Profile.Width, console.Profile.Height, _time.GetUtcNow(), live: true);

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
