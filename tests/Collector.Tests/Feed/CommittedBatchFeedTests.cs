using Ingest.Collector.Feed;
using Ingest.Collector.Tests.TestDoubles;

namespace Ingest.Collector.Tests.Feed;

public sealed class CommittedBatchFeedTests
{
    private readonly CommittedBatchFeed _feed = new();

    [Fact]
    public void Publish_EverySubscriber_GetsEveryBatchInOrder()
    {
        using var first = _feed.Subscribe(8);
        using var second = _feed.Subscribe(8);
        var batches = new[] { TestBatches.Regular("a", 1), TestBatches.Regular("b", 1), TestBatches.Regular("a", 2) };

        _feed.Publish(batches);

        Assert.Equal(batches, Drain(first));
        Assert.Equal(batches, Drain(second));
    }

    [Fact]
    public void Publish_FullSubscriber_CountsOverflowedWithoutBlockingOrStarvingOthers()
    {
        using var slow = _feed.Subscribe(1);
        using var fast = _feed.Subscribe(8);
        var batches = new[] { TestBatches.Regular("a", 1), TestBatches.Regular("a", 2), TestBatches.Regular("a", 3) };

        _feed.Publish(batches);

        Assert.Equal(2, slow.Overflowed);
        Assert.Equal([batches[0]], Drain(slow));
        Assert.Equal(0, fast.Overflowed);
        Assert.Equal(batches, Drain(fast));
    }

    [Fact]
    public void Dispose_Subscription_ReceivesNothingMoreAndCompletes()
    {
        var subscription = _feed.Subscribe(8);
        using var other = _feed.Subscribe(8);

        subscription.Dispose();
        _feed.Publish([TestBatches.Regular("a", 1)]);

        Assert.False(subscription.Reader.TryRead(out _));
        Assert.True(subscription.Reader.Completion.IsCompleted);
        Assert.Equal(0, subscription.Overflowed);
        Assert.Single(Drain(other));
    }

    [Fact]
    public void Subscribe_CapacityBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _feed.Subscribe(0));

    [Fact]
    public void Publish_NoSubscribers_DoesNothing() => _feed.Publish([TestBatches.Regular("a", 1)]);

    [Fact]
    public void PublishRejected_ManyForOneSensor_IsOneEntryPerSensorWithTheCountAndLatestReason()
    {
        using var subscription = _feed.Subscribe(1);

        for (var i = 1; i <= 1000; i++)
        {
            _feed.PublishRejected("hostile", $"reason {i}");
        }

        _feed.PublishRejected("other", "bad");

        var taken = subscription.TakeRejected().OrderBy(r => r.SensorId, StringComparer.Ordinal);
        Assert.Equal([new RejectedBatches("hostile", 1000, "reason 1000"), new RejectedBatches("other", 1, "bad")], taken);
        Assert.Equal(0, subscription.Overflowed);
        Assert.False(subscription.Reader.TryRead(out _));
    }

    [Fact]
    public void TakeRejected_Again_HoldsOnlyWhatWasRejectedSince()
    {
        using var subscription = _feed.Subscribe(8);
        _feed.PublishRejected("a", "first");
        subscription.TakeRejected();

        Assert.Empty(subscription.TakeRejected());

        _feed.PublishRejected("a", "second");
        Assert.Equal([new RejectedBatches("a", 1, "second")], subscription.TakeRejected());
    }

    private static List<Ingest.Collector.Model.ReadingBatch> Drain(CommittedBatchFeed.Subscription subscription)
    {
        var received = new List<Ingest.Collector.Model.ReadingBatch>();
        while (subscription.Reader.TryRead(out var batch))
        {
            received.Add(batch);
        }

        return received;
    }
}
