using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Feed;

namespace Ingest.Dashboard.Lines;

/// <summary>
/// <c>--json</c>, and the view when standard output is not a terminal: writes every update as a line until
/// stopped, reconnecting as the live view does. With several collectors, each collector's updates are written as
/// they come, unmerged, one line at a time.
/// </summary>
internal sealed class LinesCommand
{
    private readonly FleetLoop _fleet;

    public LinesCommand(FleetLoop fleet)
    {
        _fleet = fleet;
    }

    /// <summary>The collectors' addresses, in the order of the indexes <c>writers</c> is given.</summary>
    public IReadOnlyList<string> Addresses => _fleet.Addresses;

    /// <param name="subscription">What to subscribe to.</param>
    /// <param name="writers">The writer of each collector's lines, by its index.</param>
    /// <param name="cancellationToken">Stops the stream of lines.</param>
    public async Task<int> RunAsync(
        SubscriptionRequest subscription, Func<int, IFeedObserver> writers, CancellationToken cancellationToken)
    {
        var gate = new Lock();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? fault = null;
        await _fleet.RunAsync(
            subscription,
            index => new LockedObserver(gate, writers(index)),
            retryRefusals: true,
            (_, exception) =>
            {
                // Whoever read standard output went away (e.g. `| head`): nothing left to write to, for any collector.
                fault ??= exception is IOException ? null : exception;
                stop.Cancel();
            },
            stop.Token);
        if (fault is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        }

        return ExitCodes.Success;
    }
}
