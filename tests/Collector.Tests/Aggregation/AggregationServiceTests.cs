using System.Diagnostics.Metrics;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Feed;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Aggregation;

public sealed class AggregationServiceTests : IDisposable
{
    private readonly AggregationHarness _harness = new(options => options.FeedCapacityBatches = 1);
    private readonly CommittedBatchFeed _feed = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Feed_MoreBatchesThanItsQueueHolds_CountsTheOverflowInTheMetricWithoutBlockingThePublisher()
    {
        using var service = CreateService();

        _feed.Publish([AggregationHarness.Batch("a", 1, (0.5, 1)), AggregationHarness.Batch("a", 2, (1.5, 2)), AggregationHarness.Batch("a", 3, (2.5, 3))]);

        Assert.Equal(2, service.FeedOverflowed);
        Assert.Equal(2, ObserveOverflowMetric());

        await service.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => _harness.Aggregator.SensorCount == 1, "the queued batch is aggregated");
        await service.StopAsync(CancellationToken.None);
        Assert.Equal(1, _harness.Hub.Find(0, "a")!.Count);
    }

    [Fact]
    public async Task StartAsync_PublishesStatisticsBeforeAnySubscriberCanJoin()
    {
        using var service = CreateService();

        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.NotNull(_harness.Hub.Statistics);
    }

    [Fact]
    public async Task Ticks_OnTheClock_MoveQuietSensorsToStale()
    {
        using var service = CreateService();
        await service.StartAsync(CancellationToken.None);
        _feed.Publish([AggregationHarness.Batch("a", 1, (0.5, 1))]);
        await Eventually.UntilAsync(() => _harness.Aggregator.SensorCount == 1, "the batch is aggregated");

        _harness.Time.Advance(_harness.Options.StaleAfter);

        await Eventually.UntilAsync(() => _harness.Hub.Find(0, "a")?.Liveness == SensorLiveness.Stale, "a tick marks the sensor stale");
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Ticks_ThousandRejectedBatchesOfOneSensor_ReachTheAggregatorAsOneUpdateWithTheirCountAndLatestReason()
    {
        using var service = CreateService();
        await service.StartAsync(CancellationToken.None);
        var subscriber = _harness.Watch();
        await Eventually.UntilAsync(() => subscriber.TakePending().Statistics?.Subscribers == 1, "the statistics count the subscriber", step: Tick);

        for (var i = 1; i <= 1000; i++)
        {
            _feed.PublishRejected("hostile", $"reason {i}");
        }

        await Eventually.UntilAsync(() => subscriber.PendingCount > 0, "a tick hands the rejections to the aggregator", step: Tick);
        await service.StopAsync(CancellationToken.None);

        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal(("hostile", 1000L, "reason 1000"), (window.SensorId, window.RejectedBatches, window.LastRejection));
        Assert.Equal(0, subscriber.Superseded);
    }

    private void Tick() => _harness.Time.Advance(_harness.Options.TickInterval);

    private AggregationService CreateService() => new(
        _feed, _harness.Aggregator, _harness.Metrics, Options.Create(_harness.Options), _harness.Time, NullLogger<AggregationService>.Instance);

    private long ObserveOverflowMetric()
    {
        long observed = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == _harness.MeterFactory && instrument.Name == "ingest.aggregation.feed.overflowed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}
