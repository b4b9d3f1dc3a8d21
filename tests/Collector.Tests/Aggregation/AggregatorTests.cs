using Ingest.Collector.Aggregation;
using Ingest.Collector.Subscriptions;
using Ingest.Collector.Tests.TestDoubles;

namespace Ingest.Collector.Tests.Aggregation;

public sealed class AggregatorTests : IDisposable
{
    private readonly AggregationHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private Aggregator Aggregator => _harness.Aggregator;

    [Fact]
    public void Apply_ReadingExactlyAtAWindowEnd_BelongsToTheNextWindowAndClosesTheFirst()
    {
        var subscriber = _harness.Watch();

        _harness.Apply("s", 1, (0.0, 1), (0.5, 2), (1.0, 3));

        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((AggregationHarness.At(0), 2L, true), (window.WindowStartMicros, window.Count, window.Closed));
        Assert.Equal(2, window.Last);
    }

    [Fact]
    public void Apply_ClosedWindow_CarriesCountMinMaxMeanLastByTimestampAndRate()
    {
        var subscriber = _harness.Watch();

        _harness.Apply("s", 1, (0.1, 5), (0.2, -3), (0.3, 10), (0.05, 7));
        _harness.Apply("s", 2, (1.0, 100));

        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal(("s", 4L, -3.0, 10.0, 4.75, 10.0), (window.SensorId, window.Count, window.Min, window.Max, window.Mean, window.Last));
        Assert.Equal(4.0, window.ReadingsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(1), window.Window);
        Assert.Equal(SensorLiveness.Live, window.Liveness);
    }

    [Fact]
    public void Apply_WindowSizes_AreAggregatedIndependently()
    {
        _harness.Apply("s", 1, (0.1, 5), (0.2, -3), (0.3, 10), (0.05, 7), (1.0, 100));

        var tenSeconds = _harness.Hub.Find(1, "s")!;
        Assert.False(tenSeconds.Closed);
        Assert.Equal((5L, -3.0, 100.0, 100.0), (tenSeconds.Count, tenSeconds.Min, tenSeconds.Max, tenSeconds.Last));
        Assert.Equal(0.5, tenSeconds.ReadingsPerSecond);
    }

    [Fact]
    public void Apply_WatermarkCrossesSeveralWindows_PublishesTheLatestClosedOnce()
    {
        var subscriber = _harness.Watch();

        _harness.Apply("s", 1, (0.5, 1), (1.5, 2), (2.5, 3));

        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal(AggregationHarness.At(1), window.WindowStartMicros);
        Assert.Equal(0, subscriber.Superseded);
    }

    [Fact]
    public void Apply_NoWindowClosedYet_ShowsTheOpenWindowInSnapshotsButPublishesNothing()
    {
        var subscriber = _harness.Watch();

        _harness.Apply("s", 1, (0.2, 1), (0.4, 3));

        Assert.True(subscriber.TakePending().IsEmpty);
        var snapshot = _harness.Hub.TrySubscribe(SubscriptionFilter.Everything, 0)!;
        var open = Assert.Single(snapshot.Windows);
        Assert.Equal((false, 2L, 2.0), (open.Closed, open.Count, open.Mean));
    }

    [Fact]
    public void Tick_SensorQuietPastStaleAfter_ClosesItsOpenWindowAndPublishesItStale()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.2, 1), (0.4, 3));

        _harness.Time.Advance(TimeSpan.FromSeconds(4.9));
        Aggregator.Tick();
        Assert.Empty(subscriber.TakePending().Windows);

        _harness.Time.Advance(TimeSpan.FromSeconds(0.1));
        Aggregator.Tick();
        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((AggregationHarness.At(0), 2L, true, SensorLiveness.Stale), (window.WindowStartMicros, window.Count, window.Closed, window.Liveness));
    }

    [Fact]
    public void Apply_AfterAQuietClose_ReadingsForThatWindowUpdateItAndRepublish()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.2, 1));
        _harness.Time.Advance(TimeSpan.FromSeconds(5));
        Aggregator.Tick();
        subscriber.TakePending();

        _harness.Apply("s", 2, (0.6, 5));

        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((AggregationHarness.At(0), 2L, true, SensorLiveness.Live), (window.WindowStartMicros, window.Count, window.Closed, window.Liveness));
        Assert.Equal(0, Aggregator.LateReadings);
    }

    [Fact]
    public void Apply_LateReadingWithinAllowedLateness_UpdatesTheClosedWindowAndRepublishesIt()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.5, 1), (1.5, 2));
        subscriber.TakePending();

        _harness.Apply("s", 2, (0.7, 9));

        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((AggregationHarness.At(0), 2L, 9.0, 9.0), (window.WindowStartMicros, window.Count, window.Max, window.Last));
        Assert.Equal(0, Aggregator.LateReadings);
    }

    [Fact]
    public void Apply_ReadingWithinLatenessForAnOlderClosedWindow_IsNotLateAndDoesNotReplaceTheLatestWindow()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.5, 1), (1.5, 2), (2.5, 3));
        subscriber.TakePending();

        _harness.Apply("s", 2, (0.6, 4));

        Assert.True(subscriber.TakePending().IsEmpty);
        Assert.Equal(AggregationHarness.At(1), _harness.Hub.Find(0, "s")!.WindowStartMicros);
        Assert.Equal(0, Aggregator.LateReadings);
    }

    [Fact]
    public void Apply_ReadingForAnEmptyWindowWithinLateness_CreatesItClosedAndPublishesItWhenItIsTheLatest()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.5, 1), (2.5, 3));
        subscriber.TakePending();

        _harness.Apply("s", 2, (1.5, 2));

        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((AggregationHarness.At(1), 1L, true), (window.WindowStartMicros, window.Count, window.Closed));
    }

    [Fact]
    public void Apply_ReadingBeyondAllowedLateness_IsCountedLateOnceAndLeftOutOfItsClosedWindow()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (1.2, 1), (7.0, 2));
        subscriber.TakePending();

        _harness.Apply("s", 2, (1.5, 50));

        Assert.Equal(1, Aggregator.LateReadings);
        Assert.True(subscriber.TakePending().IsEmpty);

        // The 10 s window [0, 10) is still open and takes it; the reading is counted late once all the same.
        var tenSeconds = _harness.Hub.Find(1, "s")!;
        Assert.Equal((3L, 50.0), (tenSeconds.Count, tenSeconds.Max));
        _harness.Aggregator.Tick();
        Assert.Equal(1, _harness.Hub.Statistics!.LateReadings);
    }

    [Fact]
    public void Apply_ReadingExactlyAllowedLatenessBehind_StillUpdatesItsWindow()
    {
        _harness.Apply("s", 1, (0.5, 1), (5.5, 2));

        _harness.Apply("s", 2, (0.5, 3));

        Assert.Equal(0, Aggregator.LateReadings);
    }

    [Fact]
    public void Apply_WindowsBeyondClosedWindowsKept_AreDroppedAndReadingsForThemAreLate()
    {
        using var harness = new AggregationHarness(options =>
        {
            options.ClosedWindowsKept = 2;
            options.AllowedLateness = TimeSpan.FromMinutes(1);
        });

        harness.Apply("s", 1, (0.5, 1), (1.5, 2), (2.5, 3), (3.5, 4));
        harness.Apply("s", 2, (0.6, 5));
        Assert.Equal(1, harness.Aggregator.LateReadings);

        harness.Apply("s", 3, (1.6, 5));
        Assert.Equal(1, harness.Aggregator.LateReadings);
    }

    [Fact]
    public void Tick_QuietSensor_GoesStaleThenOfflineThenLeavesTheLiveView()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.5, 1), (1.5, 2));
        subscriber.TakePending();

        Assert.Equal(SensorLiveness.Live, LivenessAfter(TimeSpan.FromSeconds(4.9)));
        Assert.Equal((1, 0, 0), Counts());

        Assert.Equal(SensorLiveness.Stale, LivenessAfter(TimeSpan.FromSeconds(5)));
        Assert.Equal(SensorLiveness.Stale, Assert.Single(subscriber.TakePending().Windows).Liveness);
        Assert.Equal((0, 1, 0), Counts());

        Assert.Equal(SensorLiveness.Offline, LivenessAfter(TimeSpan.FromSeconds(30)));
        Assert.Equal(SensorLiveness.Offline, Assert.Single(subscriber.TakePending().Windows).Liveness);
        Assert.Equal((0, 0, 1), Counts());

        LivenessAfter(TimeSpan.FromMinutes(10));
        Assert.Null(_harness.Hub.Find(0, "s"));
        Assert.Equal(0, Aggregator.SensorCount);
        Assert.Equal((0, 0, 0), Counts());
        Assert.Empty(_harness.Hub.TrySubscribe(SubscriptionFilter.Everything, 0)!.Windows);
    }

    [Fact]
    public void Apply_StaleSensorHeardAgain_IsPublishedLiveAgain()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.5, 1), (1.5, 2));
        _harness.Time.Advance(TimeSpan.FromSeconds(6));
        Aggregator.Tick();
        subscriber.TakePending();

        _harness.Apply("s", 2, (1.7, 3));

        var window = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((SensorLiveness.Live, 2L), (window.Liveness, window.Count));
    }

    [Fact]
    public void Tick_Statistics_CarryTotalsRateLateReadingsConnectionsSubscribersAndIdentity()
    {
        _harness.Watch();
        _harness.Connected.Opened("a");
        _harness.Connected.Opened("a");
        _harness.Connected.Opened("b");
        _harness.IngestMetrics.Committed(batches: 2, readings: 200);
        _harness.IngestMetrics.Duplicates(3);
        _harness.IngestMetrics.Rejected(4);
        _harness.IngestMetrics.Lost(5);
        Aggregator.Tick();

        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        _harness.IngestMetrics.Committed(batches: 10, readings: 1000);
        _harness.Apply("s", 1, (9.0, 1));
        _harness.Apply("s", 2, (1.0, 1));
        Aggregator.Tick();

        var statistics = _harness.Hub.Statistics!;
        Assert.Equal(500, statistics.ReadingsPerSecond, precision: 6);
        Assert.Equal((1200L, 12L, 3L, 4L, 5L, 1L), (statistics.ReadingsCommitted, statistics.BatchesCommitted, statistics.DuplicateBatches,
            statistics.RejectedBatches, statistics.LostBatches, statistics.LateReadings));
        Assert.Equal((2, 1, 1), (statistics.SensorsConnected, statistics.Subscribers, statistics.SensorsLive));
        Assert.Equal((_harness.Identity.InstanceId, _harness.Identity.Version), (statistics.CollectorInstanceId, statistics.CollectorVersion));
        Assert.Equal(_harness.Time.GetUtcNow(), statistics.At);
    }

    [Fact]
    public void Tick_Statistics_CarryTheOperatorsFigures()
    {
        _harness.IngestMetrics.QueueDepth = () => 7;
        _harness.IngestMetrics.UploadRefused("sensor_rate");
        _harness.IngestMetrics.UploadRefused("sensor_rate");
        _harness.RefusedCalls.Count(Ingest.Collector.Diagnostics.RefusedCalls.Unauthenticated);
        for (var i = 0; i < 99; i++)
        {
            _harness.IngestMetrics.CommitLatency(TimeSpan.FromMilliseconds(1));
        }

        _harness.IngestMetrics.CommitLatency(TimeSpan.FromMilliseconds(800));
        _harness.Condition.Current = new CollectorCondition(false, "storage writes fail: disk full", true, [new("commit_fault", 3)], 4);
        Aggregator.Tick();

        var statistics = _harness.Hub.Statistics!;
        Assert.Equal(7, statistics.CommitQueueDepth);
        Assert.Equal([new("sensor_rate", 2L), new("unauthenticated", 1L)], statistics.RefusedCalls);
        Assert.InRange(statistics.CommitLatencyP99!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1.5));
        Assert.Equal(Ingest.Collector.Diagnostics.IngestMetrics.CommitLatencySpan, statistics.CommitLatencySpan);
        Assert.Equal(_harness.Condition.Current, statistics.Condition);
        Assert.True(statistics.Process.WorkingSetBytes > 0);
    }

    [Fact]
    public void Tick_ChangedConditionOrRefusals_ArePublished()
    {
        Aggregator.Tick();
        var subscriber = _harness.Watch();
        Aggregator.Tick();
        subscriber.TakePending();

        _harness.Condition.Current = CollectorCondition.Unknown with { StorageServing = false, StorageReason = "storage is not open yet" };
        Aggregator.Tick();
        Assert.False(subscriber.TakePending().Statistics!.Condition.StorageServing);

        _harness.IngestMetrics.UploadRefused("concurrent_uploads");
        Aggregator.Tick();
        Assert.Contains(new KeyValuePair<string, long>("concurrent_uploads", 1), subscriber.TakePending().Statistics!.RefusedCalls);
    }

    [Fact]
    public void SameFiguresAs_IgnoresTheTimeAndTheProcessFiguresOnly()
    {
        Aggregator.Tick();
        var published = _harness.Hub.Statistics!;

        Assert.True(published.SameFiguresAs(published with { At = published.At.AddSeconds(1), Process = ProcessFigures.None }));
        Assert.True(published.SameFiguresAs(published with { RefusedCalls = [.. published.RefusedCalls] }));
        Assert.False(published.SameFiguresAs(published with { CommitQueueDepth = published.CommitQueueDepth + 1 }));
        Assert.False(published.SameFiguresAs(published with { RefusedCalls = [new("sensor_rate", 1)] }));
        Assert.False(published.SameFiguresAs(published with { Condition = published.Condition with { ChaosInjections = [new("ack_dropped", 1)] } }));
    }

    [Fact]
    public void Tick_IngestRate_CoversOnlyTheRecentSpan()
    {
        Aggregator.Tick();
        _harness.IngestMetrics.Committed(batches: 1, readings: 10_000);
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();
        Assert.Equal(10_000, _harness.Hub.Statistics!.ReadingsPerSecond, precision: 6);

        for (var i = 0; i < 6; i++)
        {
            _harness.Time.Advance(TimeSpan.FromSeconds(1));
            Aggregator.Tick();
        }

        Assert.Equal(0, _harness.Hub.Statistics!.ReadingsPerSecond);
    }

    [Fact]
    public void Tick_UnchangedStatistics_AreNotPublishedAgain()
    {
        Aggregator.Tick();
        var subscriber = _harness.Watch();
        Aggregator.Tick();
        Assert.NotNull(subscriber.TakePending().Statistics);

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();

        Assert.True(subscriber.TakePending().IsEmpty);
    }

    [Fact]
    public void Apply_KindFromTheSensorDirectory_IsOnEveryWindow()
    {
        _harness.Sensors.Register("s", "thermometer");

        _harness.Apply("s", 1, (0.5, 1));

        Assert.Equal("thermometer", _harness.Hub.Find(0, "s")!.Kind);
    }

    [Fact]
    public void Reject_SensorWithNoStoredReadings_IsPublishedAndInEverySnapshotWithItsCountAndLatestReason()
    {
        _harness.Sensors.Register("skewed", "thermometer");
        var subscriber = _harness.Watch();

        Aggregator.Reject(new("skewed", 3, "reading 0 is NaN"));
        Aggregator.Reject(new("skewed", 2, "reading 0 is more than 00:05:00 ahead of the collector's clock"));

        var published = subscriber.TakePending().Windows.Single();
        Assert.Equal(("skewed", "thermometer", 0L, false, false), (published.SensorId, published.Kind, published.Count, published.HasReadings, published.Closed));
        Assert.Equal((5L, "reading 0 is more than 00:05:00 ahead of the collector's clock"), (published.RejectedBatches, published.LastRejection));
        Assert.Equal(SensorLiveness.Live, published.Liveness);
        Assert.Equal(1, subscriber.Superseded);
        for (var size = 0; size < _harness.Hub.Windows.Count; size++)
        {
            var shown = Assert.Single(_harness.Hub.TrySubscribe(SubscriptionFilter.Everything, size)!.Windows);
            Assert.Equal((5L, 0L, _harness.Hub.Windows[size]), (shown.RejectedBatches, shown.Count, shown.Window));
        }
    }

    [Fact]
    public void Reject_SensorWithAClosedWindow_RepublishesThatWindowWithTheCountAndKeepsItOnLaterWindows()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.5, 1), (0.7, 3), (1.5, 2));
        subscriber.TakePending();

        Aggregator.Reject(new("s", 4, "bad"));

        var republished = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((AggregationHarness.At(0), 2L, 4L, "bad"),
            (republished.WindowStartMicros, republished.Count, republished.RejectedBatches, republished.LastRejection));

        _harness.Apply("s", 2, (2.5, 5));
        var next = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((AggregationHarness.At(1), 4L), (next.WindowStartMicros, next.RejectedBatches));
    }

    [Fact]
    public void Tick_SensorWhoseBatchesAreAllRejected_IsLiveWhileTheyArriveThenStale()
    {
        var subscriber = _harness.Watch();
        Aggregator.Reject(new("skewed", 1, "ahead"));
        _harness.Time.Advance(TimeSpan.FromSeconds(4));
        Aggregator.Reject(new("skewed", 1, "ahead"));
        subscriber.TakePending();

        _harness.Time.Advance(TimeSpan.FromSeconds(4));
        Aggregator.Tick();
        Assert.Empty(subscriber.TakePending().Windows);
        Assert.Equal((1, 0, 0), Counts());

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        Aggregator.Tick();
        var stale = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((SensorLiveness.Stale, 2L, 0L), (stale.Liveness, stale.RejectedBatches, stale.Count));
        Assert.Equal((0, 1, 0), Counts());
    }

    [Fact]
    public void Tick_ReadingsStoppedButRejectionsGoOn_ClosesTheOpenWindowAndKeepsTheSensorLive()
    {
        var subscriber = _harness.Watch();
        _harness.Apply("s", 1, (0.2, 1), (0.4, 3));
        _harness.Time.Advance(TimeSpan.FromSeconds(3));
        Aggregator.Reject(new("s", 1, "ahead"));
        subscriber.TakePending();

        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        Aggregator.Tick();

        var closed = Assert.Single(subscriber.TakePending().Windows);
        Assert.Equal((true, 2L, SensorLiveness.Live, 1L), (closed.Closed, closed.Count, closed.Liveness, closed.RejectedBatches));
    }

    private SensorLiveness LivenessAfter(TimeSpan quiet)
    {
        _harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 1, 12, 5, 0, TimeSpan.Zero) + quiet);
        Aggregator.Tick();
        return _harness.Hub.Find(0, "s")?.Liveness ?? SensorLiveness.Offline;
    }

    private (int Live, int Stale, int Offline) Counts()
    {
        var statistics = _harness.Hub.Statistics!;
        return (statistics.SensorsLive, statistics.SensorsStale, statistics.SensorsOffline);
    }
}
