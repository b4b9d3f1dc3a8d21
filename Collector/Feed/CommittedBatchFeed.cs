using System.Threading.Channels;
using Ingest.Collector.Model;

namespace Ingest.Collector.Feed;

/// <summary>
/// Hands committed batches to in-process consumers (such as the aggregator) without ever slowing a
/// commit: each consumer has its own bounded queue, and a consumer that falls behind loses batches
/// from its queue, counted in <see cref="Subscription.Overflowed"/>, rather than holding up storage.
/// Rejected batches are not queued one by one but tallied per sensor (a count and the latest reason)
/// until the consumer takes the tally, so a sensor that sends thousands of bad batches a second costs
/// each consumer one entry, and nothing is lost when the consumer is slow.
/// </summary>
internal sealed class CommittedBatchFeed
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public Subscription Subscribe(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new Subscription(this, capacity);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Offers committed batches to every consumer; never waits.</summary>
    public void Publish(IReadOnlyList<ReadingBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var subscriptions = Volatile.Read(ref _subscriptions);
        foreach (var subscription in subscriptions)
        {
            foreach (var batch in batches)
            {
                subscription.Offer(batch);
            }
        }
    }

    /// <summary>Adds a batch of <paramref name="sensorId"/> rejected for <paramref name="reason"/> to every consumer's tally; never waits.</summary>
    public void PublishRejected(string sensorId, string reason)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        ArgumentNullException.ThrowIfNull(reason);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.OfferRejected(sensorId, reason);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }
    }

    /// <summary>One consumer's queue of committed batches, and its tally of rejected ones.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly CommittedBatchFeed _feed;
        private readonly Channel<ReadingBatch> _channel;
        private readonly Lock _rejectedGate = new();
        private Dictionary<string, RejectedBatches> _rejected = new(StringComparer.Ordinal);
        private long _overflowed;

        internal Subscription(CommittedBatchFeed feed, int capacity)
        {
            _feed = feed;
            _channel = Channel.CreateBounded<ReadingBatch>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        public ChannelReader<ReadingBatch> Reader => _channel.Reader;

        /// <summary>Batches that did not fit in the queue and were not delivered.</summary>
        public long Overflowed => Interlocked.Read(ref _overflowed);

        internal void Offer(ReadingBatch batch)
        {
            if (!_channel.Writer.TryWrite(batch))
            {
                Interlocked.Increment(ref _overflowed);
            }
        }

        /// <summary>
        /// Takes the rejected batches tallied since the last call: one entry per sensor, in no particular order.
        /// </summary>
        public IReadOnlyCollection<RejectedBatches> TakeRejected()
        {
            lock (_rejectedGate)
            {
                if (_rejected.Count == 0)
                {
                    return [];
                }

                var taken = _rejected.Values;
                _rejected = new Dictionary<string, RejectedBatches>(StringComparer.Ordinal);
                return taken;
            }
        }

        internal void OfferRejected(string sensorId, string reason)
        {
            lock (_rejectedGate)
            {
                var batches = _rejected.TryGetValue(sensorId, out var tally) ? tally.Batches : 0;
                _rejected[sensorId] = new RejectedBatches(sensorId, batches + 1, reason);
            }
        }

        public void Dispose()
        {
            _feed.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}
