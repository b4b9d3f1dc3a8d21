using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Feed;

/// <summary>
/// Holds the <see cref="FleetState"/> of several collectors: each collector's loop applies what it sees through
/// <see cref="ObserverFor"/>, under one lock; the renderer reads the merged <see cref="Current"/> from another thread.
/// Also tracks each collector's progress, for <c>--once</c>.
/// </summary>
internal sealed class FleetStore
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly FleetState _state;
    private readonly CollectorProgress[] _progress;
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FleetStore(IReadOnlyList<string> addresses, int historyCapacity, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        _state = new FleetState(addresses, historyCapacity);
        _progress = addresses.Select(address => new CollectorProgress(address, false, false, null, null)).ToArray();
        _time = time;
    }

    /// <summary>The merged view of every collector.</summary>
    public DashboardState Current
    {
        get
        {
            lock (_gate)
            {
                return _state.Merged();
            }
        }
    }

    /// <summary>Each collector's progress, in the order of their indexes.</summary>
    public IReadOnlyList<CollectorProgress> Progress
    {
        get
        {
            lock (_gate)
            {
                return _progress.ToArray();
            }
        }
    }

    /// <summary>
    /// Completes once every collector has either completed a snapshot, failed an attempt or stopped, and at least one
    /// snapshot is complete; or once every collector has stopped. What <c>--once</c> waits for: one collector that is
    /// down does not keep the others' snapshot from being printed.
    /// </summary>
    public Task Settled => _settled.Task;

    /// <summary>The observer of collector <paramref name="index"/>'s loop.</summary>
    public IFeedObserver ObserverFor(int index) => new FleetMemberObserver(this, index);

    /// <summary>Collector <paramref name="index"/>'s loop stopped for good with <paramref name="exception"/>.</summary>
    public void Stopped(int index, Exception exception) =>
        Change(index, progress => progress with { Stopped = exception }, null);

    internal void OnConnected(int index, CollectorIdentity collector) => Change(
        index,
        progress => progress with { Greeted = true, LastFailure = null },
        state => state.Connected(index, collector, _time.GetUtcNow()));

    internal void OnUpdate(int index, DashboardUpdate update) => Change(
        index,
        progress => update is SnapshotCompleted ? progress with { SnapshotReceived = true } : progress,
        state => state.Apply(index, update, _time.GetUtcNow()));

    internal void OnRetrying(int index, RetryNotice notice) => Change(
        index,
        progress => progress with { LastFailure = notice.Reason },
        state => state.Reconnecting(index, notice));

    private void Change(int index, Func<CollectorProgress, CollectorProgress> progress, Action<FleetState>? change)
    {
        bool settled;
        lock (_gate)
        {
            change?.Invoke(_state);
            _progress[index] = progress(_progress[index]);
            settled = (_progress.All(item => item.Settled) && _progress.Any(item => item.SnapshotReceived)) ||
                      _progress.All(item => item.Stopped is not null);
        }

        if (settled)
        {
            _settled.TrySetResult();
        }
    }
}
