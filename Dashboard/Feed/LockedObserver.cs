using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Feed;

/// <summary>
/// Passes everything on to <c>inner</c> under a lock shared by several collectors' observers, so that the lines
/// they write to one output never interleave.
/// </summary>
internal sealed class LockedObserver(Lock gate, IFeedObserver inner) : IFeedObserver
{
    public void OnConnected(CollectorIdentity collector)
    {
        lock (gate)
        {
            inner.OnConnected(collector);
        }
    }

    public void OnUpdate(DashboardUpdate update)
    {
        lock (gate)
        {
            inner.OnUpdate(update);
        }
    }

    public void OnRetrying(RetryNotice notice)
    {
        lock (gate)
        {
            inner.OnRetrying(notice);
        }
    }
}
