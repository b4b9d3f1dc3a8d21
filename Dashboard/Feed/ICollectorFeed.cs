using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Feed;

/// <summary>The collector as the live views see it: a greeting, then a stream of aggregate updates.</summary>
internal interface ICollectorFeed
{
    /// <summary>The collector's health handshake; tells which collector process answers.</summary>
    Task<CollectorIdentity> GreetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The aggregate stream: a snapshot (statistics, one window per sensor, <see cref="SnapshotCompleted"/>), then
    /// changes. Ends with an exception when the stream breaks.
    /// </summary>
    IAsyncEnumerable<DashboardUpdate> SubscribeAsync(SubscriptionRequest request, CancellationToken cancellationToken);
}
