using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Feed;

/// <summary>
/// Passes everything on to <c>inner</c>, and cancels <see cref="Done"/> once the first snapshot is complete,
/// remembering why the last attempt failed in the meantime.
/// </summary>
internal sealed class SnapshotWaiter : IFeedObserver, IDisposable
{
    private readonly IFeedObserver _inner;
    private readonly CancellationTokenSource _done = new();

    public SnapshotWaiter(IFeedObserver inner)
    {
        _inner = inner;
    }

    /// <summary>Cancelled once a snapshot is complete.</summary>
    public CancellationToken Done => _done.Token;

    public bool SnapshotReceived => _done.IsCancellationRequested;

    /// <summary>Why the last attempt failed; null when none did, or a later one got through.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Whether any attempt got as far as greeting the collector.</summary>
    public bool Connected { get; private set; }

    public void OnConnected(CollectorIdentity collector)
    {
        Connected = true;
        LastFailure = null;
        _inner.OnConnected(collector);
    }

    public void OnUpdate(DashboardUpdate update)
    {
        _inner.OnUpdate(update);
        if (update is SnapshotCompleted)
        {
            _done.Cancel();
        }
    }

    public void OnRetrying(RetryNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        LastFailure = notice.Reason;
        _inner.OnRetrying(notice);
    }

    public void Dispose() => _done.Dispose();
}
