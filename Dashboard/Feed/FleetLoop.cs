namespace Ingest.Dashboard.Feed;

/// <summary>
/// Keeps the dashboard subscribed to every collector at once: one <see cref="FeedLoop"/> per collector, each with its
/// own stream, reconnects and backoff, so that a collector that is down never holds up the others.
/// </summary>
internal sealed class FleetLoop
{
    private readonly IReadOnlyList<FeedLoop> _loops;

    public FleetLoop(IReadOnlyList<FeedLoop> loops)
    {
        ArgumentNullException.ThrowIfNull(loops);
        ArgumentOutOfRangeException.ThrowIfZero(loops.Count);
        _loops = loops;
    }

    /// <summary>The collectors' addresses, in the order of their indexes.</summary>
    public IReadOnlyList<string> Addresses => _loops.Select(loop => loop.Address).ToArray();

    /// <summary>
    /// Runs every collector's loop with the observer <paramref name="observers"/> gives for its index, until
    /// <paramref name="cancellationToken"/> is cancelled or every loop has stopped. A loop that stops otherwise (a
    /// refusal when <paramref name="retryRefusals"/> is false, a fault of its observer) is reported to
    /// <paramref name="stopped"/> with its index, and the others go on.
    /// </summary>
    public Task RunAsync(
        SubscriptionRequest request,
        Func<int, IFeedObserver> observers,
        bool retryRefusals,
        Action<int, Exception> stopped,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(stopped);
        return Task.WhenAll(_loops.Select((loop, index) =>
            RunOneAsync(loop, index, request, observers(index), retryRefusals, stopped, cancellationToken)));
    }

    private static async Task RunOneAsync(
        FeedLoop loop,
        int index,
        SubscriptionRequest request,
        IFeedObserver observer,
        bool retryRefusals,
        Action<int, Exception> stopped,
        CancellationToken cancellationToken)
    {
        try
        {
            await loop.RunAsync(request, observer, retryRefusals, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped on purpose.
        }
        catch (Exception exception)
        {
            stopped(index, exception);
        }
    }
}
