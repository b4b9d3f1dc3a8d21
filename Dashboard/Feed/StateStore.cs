using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Feed;

/// <summary>
/// Holds the live <see cref="DashboardState"/>: the feed loop applies what it sees, the renderer reads
/// <see cref="Current"/> from another thread.
/// </summary>
internal sealed class StateStore : IFeedObserver
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DashboardState _current;

    public StateStore(DashboardState initial, TimeProvider time)
    {
        _current = initial;
        _time = time;
    }

    public DashboardState Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void OnConnected(CollectorIdentity collector) => Update(state => state.Connected(collector, _time.GetUtcNow()));

    public void OnUpdate(DashboardUpdate update) => Update(state => state.Apply(update, _time.GetUtcNow()));

    public void OnRetrying(RetryNotice notice) => Update(state => state.Reconnecting(notice));

    private void Update(Func<DashboardState, DashboardState> change)
    {
        lock (_gate)
        {
            _current = change(_current);
        }
    }
}
