using Ingest.Collector.Aggregation;
using Ingest.Collector.Subscriptions;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Subscriptions;

public sealed class SubscriptionHubTests
{
    private readonly SubscriptionHub _hub = new(Options.Create(new AggregationOptions { MaxSubscribers = 3 }));

    [Fact]
    public void Show_Published_IsOfferedOnlyToSubscribersOfThatWindowWhoseFilterMatches()
    {
        var everything = _hub.TrySubscribe(SubscriptionFilter.Everything, 0)!.Subscriber;
        var temperatures = _hub.TrySubscribe(new SubscriptionFilter(["sim-*"], ["temperature"]), 0)!.Subscriber;
        var tenSeconds = _hub.TrySubscribe(SubscriptionFilter.Everything, 1)!.Subscriber;

        _hub.Show(0, SubscriberTests.Window("sim-1", 1, "temperature"), publish: true);
        _hub.Show(0, SubscriberTests.Window("sim-2", 1, "humidity"), publish: true);
        _hub.Show(0, SubscriberTests.Window("lab-1", 1, "temperature"), publish: true);

        Assert.Equal(3, everything.PendingCount);
        Assert.Equal(["sim-1"], temperatures.TakePending().Windows.Select(w => w.SensorId));
        Assert.Equal(0, tenSeconds.PendingCount);
    }

    [Fact]
    public void Show_NotPublished_IsInLaterSnapshotsButOfferedToNoOne()
    {
        var subscriber = _hub.TrySubscribe(SubscriptionFilter.Everything, 0)!.Subscriber;

        _hub.Show(0, SubscriberTests.Window("a", 1), publish: false);

        Assert.Equal(0, subscriber.PendingCount);
        Assert.Equal(["a"], _hub.TrySubscribe(SubscriptionFilter.Everything, 0)!.Windows.Select(w => w.SensorId));
    }

    [Fact]
    public void TrySubscribe_Snapshot_HoldsTheMatchingSensorsInIdOrderAndTheStatisticsCountingTheNewSubscriber()
    {
        _hub.Publish(SubscriberTests.Statistics(readings: 42));
        foreach (var id in new[] { "sim-2", "lab-1", "sim-1" })
        {
            _hub.Show(0, SubscriberTests.Window(id, 1), publish: true);
        }

        var snapshot = _hub.TrySubscribe(new SubscriptionFilter(["sim-*"], []), 0)!;

        Assert.Equal(["sim-1", "sim-2"], snapshot.Windows.Select(w => w.SensorId));
        Assert.Equal((42L, 1), (snapshot.Statistics!.ReadingsCommitted, snapshot.Statistics.Subscribers));
    }

    [Fact]
    public void TrySubscribe_AtMaxSubscribers_IsRefusedUntilOneLeaves()
    {
        var first = _hub.TrySubscribe(SubscriptionFilter.Everything, 0)!;
        _hub.TrySubscribe(SubscriptionFilter.Everything, 0);
        _hub.TrySubscribe(SubscriptionFilter.Everything, 0);

        Assert.Null(_hub.TrySubscribe(SubscriptionFilter.Everything, 0));

        _hub.Unsubscribe(first.Subscriber);
        Assert.Equal(2, _hub.SubscriberCount);
        Assert.NotNull(_hub.TrySubscribe(SubscriptionFilter.Everything, 0));
    }

    [Fact]
    public void Publish_Statistics_AreOfferedToEverySubscriber()
    {
        var filtered = _hub.TrySubscribe(new SubscriptionFilter(["nothing-matches"], []), 1)!.Subscriber;

        _hub.Publish(SubscriberTests.Statistics(readings: 7));

        Assert.Equal(7, filtered.TakePending().Statistics!.ReadingsCommitted);
    }

    [Fact]
    public void Republish_SensorWithNoReadingsButRejections_IsOfferedAgainButAnOpenWindowIsNot()
    {
        var subscriber = _hub.TrySubscribe(SubscriptionFilter.Everything, 0)!.Subscriber;
        _hub.Show(0, SubscriberTests.Window("rejected", 0) with { Closed = false, RejectedBatches = 3, LastRejection = "bad" }, publish: false);
        _hub.Show(0, SubscriberTests.Window("open", 5) with { Closed = false }, publish: false);

        _hub.Republish("rejected");
        _hub.Republish("open");

        var offered = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal(("rejected", 3L), (offered.SensorId, offered.RejectedBatches));
    }

    [Fact]
    public void Remove_TakesTheSensorOutOfEverySnapshot()
    {
        _hub.Show(0, SubscriberTests.Window("a", 1), publish: true);
        _hub.Show(1, SubscriberTests.Window("a", 1), publish: false);

        _hub.Remove("a");

        Assert.Empty(_hub.TrySubscribe(SubscriptionFilter.Everything, 0)!.Windows);
        Assert.Null(_hub.Find(1, "a"));
    }
}
