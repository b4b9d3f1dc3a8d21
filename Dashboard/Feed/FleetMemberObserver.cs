using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Feed;

/// <summary>What one collector's loop sees, passed to the <see cref="FleetStore"/> with that collector's index.</summary>
internal sealed class FleetMemberObserver(FleetStore store, int index) : IFeedObserver
{
    public void OnConnected(CollectorIdentity collector) => store.OnConnected(index, collector);

    public void OnUpdate(DashboardUpdate update) => store.OnUpdate(index, update);

    public void OnRetrying(RetryNotice notice) => store.OnRetrying(index, notice);
}
