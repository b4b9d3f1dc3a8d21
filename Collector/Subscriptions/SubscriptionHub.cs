using Ingest.Collector.Aggregation;
using Ingest.Collector.SensorConfig;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Subscriptions;

/// <summary>
/// The live view (each sensor's latest window per size, and the latest statistics) and the subscribers it
/// fans changes out to. Offering a change only replaces a subscriber's pending entry, so publishing never
/// waits for a subscriber; taking a snapshot and joining happen under one lock, so no change falls between.
/// </summary>
internal sealed class SubscriptionHub : IAggregatePublisher, IConfigChangeListener
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WindowSummary>[] _views;
    private readonly Dictionary<string, int> _byShare = new(StringComparer.Ordinal);
    private Subscriber[] _subscribers = [];
    private CollectorStatistics? _statistics;

    public SubscriptionHub(IOptions<AggregationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Windows = options.Value.WindowSizes;
        MaxSubscribers = options.Value.MaxSubscribers;
        MaxSubscribersPerKey = options.Value.MaxSubscribersPerKey;
        _views = [.. Windows.Select(_ => new Dictionary<string, WindowSummary>(StringComparer.Ordinal))];
    }

    /// <summary>The window sizes kept, ascending.</summary>
    public IReadOnlyList<TimeSpan> Windows { get; }

    public int MaxSubscribers { get; }

    /// <summary>Subscribers one share (a key, or an address without one) may hold at once.</summary>
    public int MaxSubscribersPerKey { get; }

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public IReadOnlyList<Subscriber> Subscribers => Volatile.Read(ref _subscribers);

    /// <summary>
    /// Joins a subscriber of <paramref name="share"/> (whose key it subscribes with) and returns the state it starts from;
    /// null when <see cref="MaxSubscribers"/> are already in, or <see cref="MaxSubscribersPerKey"/> of that share.
    /// </summary>
    public SubscriptionSnapshot? TrySubscribe(SubscriptionFilter filter, int windowIndex, string share = "")
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(share);
        ArgumentOutOfRangeException.ThrowIfNegative(windowIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(windowIndex, Windows.Count);
        lock (_gate)
        {
            var mine = _byShare.GetValueOrDefault(share);
            if (_subscribers.Length >= MaxSubscribers || mine >= MaxSubscribersPerKey)
            {
                return null;
            }

            var subscriber = new Subscriber(filter, windowIndex, share);
            _subscribers = [.. _subscribers, subscriber];
            _byShare[share] = mine + 1;
            var windows = _views[windowIndex].Values
                .Where(window => filter.Matches(window.SensorId, window.Kind))
                .OrderBy(window => window.SensorId, StringComparer.Ordinal)
                .ToList();
            return new SubscriptionSnapshot(subscriber, _statistics is null ? null : _statistics with { Subscribers = _subscribers.Length }, windows);
        }
    }

    /// <summary>Subscribers of <paramref name="share"/> now.</summary>
    public int SubscribersOf(string share)
    {
        lock (_gate)
        {
            return _byShare.GetValueOrDefault(share);
        }
    }

    public void Unsubscribe(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_gate)
        {
            var left = _subscribers.Where(s => s != subscriber).ToArray();
            if (left.Length == _subscribers.Length)
            {
                return;
            }

            _subscribers = left;
            var share = _byShare[subscriber.Share] - 1;
            if (share == 0)
            {
                _byShare.Remove(subscriber.Share);
            }
            else
            {
                _byShare[subscriber.Share] = share;
            }
        }
    }

    /// <summary>Sets a sensor's window in the live view and, when <paramref name="publish"/>, offers it to the subscribers it matches.</summary>
    public void Show(int windowIndex, WindowSummary window, bool publish)
    {
        ArgumentNullException.ThrowIfNull(window);
        lock (_gate)
        {
            _views[windowIndex][window.SensorId] = window;
            if (!publish)
            {
                return;
            }

            foreach (var subscriber in _subscribers)
            {
                if (subscriber.WindowIndex == windowIndex && subscriber.Filter.Matches(window.SensorId, window.Kind))
                {
                    subscriber.Offer(window);
                }
            }
        }
    }

    /// <summary>
    /// Offers a sensor's latest closed window of every size again to the subscribers it matches, because
    /// something sent with it (its configuration versions or state) changed; likewise the row of a sensor known
    /// only through rejected batches. A sensor whose only window is open is left alone; its open window goes out
    /// in snapshots only.
    /// </summary>
    public void Republish(string sensorId)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        lock (_gate)
        {
            if (_subscribers.Length == 0)
            {
                return;
            }

            for (var i = 0; i < _views.Length; i++)
            {
                if (!_views[i].TryGetValue(sensorId, out var window) || (!window.Closed && window.HasReadings))
                {
                    continue;
                }

                foreach (var subscriber in _subscribers)
                {
                    if (subscriber.WindowIndex == i && subscriber.Filter.Matches(window.SensorId, window.Kind))
                    {
                        subscriber.Offer(window);
                    }
                }
            }
        }
    }

    /// <summary>The window of a sensor in the live view, or null.</summary>
    /// <summary>A sensor's configuration changed: its subscribers get its latest windows again, with the new state.</summary>
    public void ConfigChanged(string sensorId) => Republish(sensorId);

    public WindowSummary? Find(int windowIndex, string sensorId)
    {
        lock (_gate)
        {
            return _views[windowIndex].GetValueOrDefault(sensorId);
        }
    }

    /// <summary>Takes a sensor out of the live view.</summary>
    public void Remove(string sensorId)
    {
        lock (_gate)
        {
            foreach (var view in _views)
            {
                view.Remove(sensorId);
            }
        }
    }

    /// <summary>The latest statistics, or null before the aggregator published any.</summary>
    public CollectorStatistics? Statistics
    {
        get
        {
            lock (_gate)
            {
                return _statistics;
            }
        }
    }

    public void Publish(CollectorStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        lock (_gate)
        {
            _statistics = statistics;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Offer(statistics);
            }
        }
    }
}
