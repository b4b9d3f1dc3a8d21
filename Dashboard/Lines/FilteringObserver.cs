using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Lines;

/// <summary>Passes on everything except windows of sensors the filter leaves out, as the live view shows them.</summary>
internal sealed class FilteringObserver : IFeedObserver
{
    private readonly IFeedObserver _inner;
    private readonly SensorFilter _filter;

    public FilteringObserver(IFeedObserver inner, SensorFilter filter)
    {
        _inner = inner;
        _filter = filter;
    }

    public void OnConnected(CollectorIdentity collector) => _inner.OnConnected(collector);

    public void OnUpdate(DashboardUpdate update)
    {
        if (update is not WindowUpdate { Aggregate: var window } || _filter.Matches(window.SensorId, window.Kind))
        {
            _inner.OnUpdate(update);
        }
    }

    public void OnRetrying(RetryNotice notice) => _inner.OnRetrying(notice);
}
