using Ingest.Collector.Aggregation;
using Ingest.Collector.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Subscriptions;

public sealed class SubscriberTests
{
    private readonly Subscriber _subscriber = new(SubscriptionFilter.Everything, 0);

    [Fact]
    public void Offer_SameSensorTwiceBeforeATake_KeepsOnlyTheNewerWindow()
    {
        _subscriber.Offer(Window("a", count: 1));
        _subscriber.Offer(Window("b", count: 1));
        _subscriber.Offer(Window("a", count: 2));

        var updates = _subscriber.TakePending();

        Assert.Equal([("a", 2L), ("b", 1L)], updates.Windows.Select(w => (w.SensorId, w.Count)).Order());
        Assert.Equal(1, _subscriber.Superseded);
    }

    [Fact]
    public void Offer_ManyUpdatesNeverTaken_PendingStaysBoundedByTheNumberOfSensors()
    {
        for (var round = 0; round < 10_000; round++)
        {
            _subscriber.Offer(Window("sensor-" + (round % 7), round));
        }

        Assert.Equal(7, _subscriber.PendingCount);
        Assert.Equal(7, _subscriber.MaxPendingCount);
        Assert.Equal(10_000 - 7, _subscriber.Superseded);
    }

    [Fact]
    public void Offer_Statistics_LatestWins()
    {
        _subscriber.Offer(Statistics(readings: 1));
        _subscriber.Offer(Statistics(readings: 2));

        Assert.Equal(2, _subscriber.TakePending().Statistics!.ReadingsCommitted);
        Assert.True(_subscriber.TakePending().IsEmpty);
    }

    [Fact]
    public async Task WaitForChangesAsync_SomethingOffered_ReturnsTrueAtOnce()
    {
        _subscriber.Offer(Window("a", 1));

        Assert.True(await _subscriber.WaitForChangesAsync(TimeSpan.FromHours(1), new FakeTimeProvider(), CancellationToken.None));
    }

    [Fact]
    public async Task WaitForChangesAsync_OfferedWhileWaiting_ReturnsTrue()
    {
        var waiting = _subscriber.WaitForChangesAsync(TimeSpan.FromHours(1), new FakeTimeProvider(), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _subscriber.Offer(Statistics(1));

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitForChangesAsync_NothingOfferedUntilTheTimeout_ReturnsFalse()
    {
        var time = new FakeTimeProvider();
        var waiting = _subscriber.WaitForChangesAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitForChangesAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        var waiting = _subscriber.WaitForChangesAsync(TimeSpan.FromHours(1), new FakeTimeProvider(), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    internal static WindowSummary Window(string sensorId, long count, string kind = "") =>
        new(sensorId, kind, 0, TimeSpan.FromSeconds(1), count, 0, 0, 0, 0, count, SensorLiveness.Live, Closed: true);

    internal static CollectorStatistics Statistics(long readings) =>
        new(DateTimeOffset.UnixEpoch, 0, readings, 0, 0, 0, 0, 0, 0, 0, "id", "1.0", 0, 0, 0);
}
