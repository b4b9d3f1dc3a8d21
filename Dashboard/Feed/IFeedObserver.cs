using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Feed;

/// <summary>Receives what the feed loop sees, on the loop's task, one call at a time.</summary>
internal interface IFeedObserver
{
    /// <summary>Greeted <paramref name="collector"/>; a subscription with a new snapshot follows.</summary>
    void OnConnected(CollectorIdentity collector);

    /// <summary>One message of the stream arrived.</summary>
    void OnUpdate(DashboardUpdate update);

    /// <summary>An attempt failed or the stream broke; the next attempt waits for its backoff.</summary>
    void OnRetrying(RetryNotice notice);
}
