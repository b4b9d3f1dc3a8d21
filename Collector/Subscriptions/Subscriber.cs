using System.Threading.Channels;
using Ingest.Collector.Aggregation;

namespace Ingest.Collector.Subscriptions;

/// <summary>
/// One subscriber's unsent updates: the latest window per sensor and the latest statistics. A newer update
/// replaces an unsent older one, so a subscriber that reads slowly, or not at all, holds at most one
/// window per sensor and never makes anyone wait.
/// </summary>
internal sealed class Subscriber(SubscriptionFilter filter, int windowIndex, string share = "")
{
    private readonly Lock _gate = new();
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private Dictionary<string, WindowSummary> _pending = new(StringComparer.Ordinal);
    private CollectorStatistics? _pendingStatistics;
    private int _maxPending;
    private long _superseded;
    private long _taken;

    public SubscriptionFilter Filter { get; } = filter;

    /// <summary>Whose share of the subscriber budget this one takes: its key, or its address without one.</summary>
    public string Share { get; } = share;

    /// <summary>The index of the subscriber's window size among the sizes the collector keeps.</summary>
    public int WindowIndex { get; } = windowIndex;

    /// <summary>Windows waiting to be sent.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The most windows that were ever waiting at once.</summary>
    public int MaxPendingCount => Volatile.Read(ref _maxPending);

    /// <summary>Updates replaced by a newer one before they were sent.</summary>
    public long Superseded => Interlocked.Read(ref _superseded);

    /// <summary>Updates taken to be sent, after the snapshot.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    public void Offer(WindowSummary window)
    {
        ArgumentNullException.ThrowIfNull(window);
        lock (_gate)
        {
            if (!_pending.TryAdd(window.SensorId, window))
            {
                _pending[window.SensorId] = window;
                _superseded++;
            }

            _maxPending = Math.Max(_maxPending, _pending.Count);
        }

        _changed.Writer.TryWrite(true);
    }

    public void Offer(CollectorStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        lock (_gate)
        {
            if (_pendingStatistics is not null)
            {
                _superseded++;
            }

            _pendingStatistics = statistics;
        }

        _changed.Writer.TryWrite(true);
    }

    /// <summary>Takes everything waiting to be sent.</summary>
    public SubscriberUpdates TakePending()
    {
        lock (_gate)
        {
            var windows = _pending.Count == 0 ? [] : _pending.Values.ToArray();
            var statistics = _pendingStatistics;
            _pending.Clear();
            _pendingStatistics = null;
            _taken += windows.Length + (statistics is null ? 0 : 1);
            return new SubscriberUpdates(statistics, windows);
        }
    }

    /// <summary>Waits until something is offered or <paramref name="timeout"/> passes; true when something was offered.</summary>
    public async Task<bool> WaitForChangesAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (_changed.Reader.TryRead(out _))
        {
            return true;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changed = _changed.Reader.WaitToReadAsync(stop.Token).AsTask();
        var timedOut = Task.Delay(timeout, timeProvider, stop.Token);
        await Task.WhenAny(changed, timedOut);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return _changed.Reader.TryRead(out _);
    }
}
