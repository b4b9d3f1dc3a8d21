using System.Threading.Channels;
using Ingest.Collector.Model;

namespace Ingest.Collector.Feed;

/// <summary>
/// Hands committed batches to in-process consumers (such as the aggregator) without ever slowing a
/// commit: each consumer has its own bounded queue, and a consumer that falls behind loses batches
/// from its queue, counted in <see cref="Subscription.Overflowed"/>, rather than holding up storage.
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

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }
    }

    /// <summary>One consumer's queue of committed batches.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly CommittedBatchFeed _feed;
        private readonly Channel<ReadingBatch> _channel;
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

        public void Dispose()
        {
            _feed.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}
