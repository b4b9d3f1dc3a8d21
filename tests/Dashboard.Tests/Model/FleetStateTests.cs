using Ingest.Dashboard.Model;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Model;

public sealed class FleetStateTests
{
    private const int A = 0;
    private const int B = 1;
    private static readonly CollectorIdentity CollectorA = new("collector-a", "1.0.0");
    private static readonly CollectorIdentity CollectorB = new("collector-b", "1.0.0");

    private readonly FleetState _fleet = new(["http://a:5000", "http://b:5000"]);

    [Fact]
    public void Merged_WindowSplitByAFailover_ShowsTheTrueCountMinMaxAndMean()
    {
        Snapshot(A, Part(count: 40, min: 1, max: 4, mean: 2, last: 4));
        Snapshot(B, Part(count: 60, min: 10, max: 15, mean: 12, last: 15));

        var row = Assert.Single(_fleet.Merged().Rows.Values);

        Assert.Equal(100UL, row.Latest.Count);
        Assert.Equal(1, row.Latest.Min);
        Assert.Equal(15, row.Latest.Max);
        Assert.Equal((2.0 * 40 + 12.0 * 60) / 100, row.Latest.Mean, precision: 12);
        Assert.Equal(100, row.Latest.ReadingsPerSecond);
    }

    [Fact]
    public void Merged_CollectorResendsItsPart_ReplacesItInsteadOfAddingItAgain()
    {
        Snapshot(A, Part(count: 40));
        Snapshot(B, Part(count: 60));

        // A re-sends the window twice (a late reading, then a liveness change): its part is now 45, not 40 + 45 + 45.
        _fleet.Apply(A, Update(Part(count: 45)), Start);
        _fleet.Apply(A, Update(Part(count: 45, status: SensorStatus.Stale)), Start);

        Assert.Equal(105UL, Assert.Single(_fleet.Merged().Rows.Values).Latest.Count);
    }

    [Fact]
    public void Merged_LastValue_ComesFromTheCollectorThatReportedLater()
    {
        // The sensor failed over from A to B within window 0; B reported its part after A.
        Snapshot(A, Part(count: 40, last: 4));
        Snapshot(B, Part(count: 60, last: 15));

        Assert.Equal(15, Assert.Single(_fleet.Merged().Rows.Values).Latest.Last);
    }

    [Fact]
    public void Merged_SensorThatMovedOn_KeepsTheSplitWindowWholeInItsHistory()
    {
        Snapshot(A, Part(count: 40, mean: 10, status: SensorStatus.Offline));
        Snapshot(B, Part(count: 60, mean: 20), Part(count: 100, mean: 30, windowIndex: 1));

        var row = Assert.Single(_fleet.Merged().Rows.Values);

        Assert.Equal([(10.0 * 40 + 20.0 * 60) / 100, 30.0], row.History.Means);
        Assert.Equal(100UL, row.Latest.Count);
    }

    [Fact]
    public void Merged_SensorThatMovedBetweenCollectors_AppearsOnceWithTheBestLiveness()
    {
        Snapshot(A, Part(count: 50, status: SensorStatus.Offline));
        Snapshot(B, Part(count: 70, windowIndex: 3));

        var row = Assert.Single(_fleet.Merged().Rows.Values);

        Assert.Equal(Start.AddSeconds(3), row.Latest.WindowStart);
        Assert.Equal(70UL, row.Latest.Count);
        Assert.Equal(SensorStatus.Live, row.Status);
    }

    [Fact]
    public void Merged_OneCollectorDown_KeepsItsLastDataAndShowsTheOthers()
    {
        Snapshot(A, Part(count: 40), Window("sim-2", count: 10));
        Snapshot(B, Part(count: 60), Window("sim-3", count: 20));

        _fleet.Reconnecting(A, new RetryNotice(1, TimeSpan.FromSeconds(1), Start.AddSeconds(1), "Unavailable: connection refused"));
        var merged = _fleet.Merged();

        Assert.Equal(["sim-1", "sim-2", "sim-3"], merged.Rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(100UL, merged.Rows["sim-1"].Latest.Count);
        Assert.False(merged.IsShowingLastKnownData, "B is current, so the view is");
        Assert.Equal(ConnectionPhase.Reconnecting, merged.Collectors[A].Connection.Phase);
        Assert.Equal("Unavailable: connection refused", merged.Collectors[A].Connection.LastError);
        Assert.Equal(ConnectionPhase.Connected, merged.Collectors[B].Connection.Phase);
    }

    [Fact]
    public void Merged_EveryCollectorDown_ShowsLastKnownData()
    {
        Snapshot(A, Part(count: 40));
        Snapshot(B, Part(count: 60));

        _fleet.Reconnecting(A, new RetryNotice(1, TimeSpan.FromSeconds(1), Start.AddSeconds(1), "refused"));
        _fleet.Reconnecting(B, new RetryNotice(1, TimeSpan.FromSeconds(1), Start.AddSeconds(1), "refused"));

        var merged = _fleet.Merged();
        Assert.True(merged.IsShowingLastKnownData);
        Assert.Equal(100UL, merged.Rows["sim-1"].Latest.Count);
    }

    [Fact]
    public void Merged_Totals_SumTheCollectorsRatesTakeTheFreshestOfTheSharedDatabasesCountsAndCountEachSensorOnce()
    {
        _fleet.Connected(A, CollectorA, Start);
        _fleet.Connected(B, CollectorB, Start);
        _fleet.Apply(A, new StatisticsUpdate(Totals(live: 0, offline: 1) with { ReadingsPerSecond = 100, ReadingsCommitted = 3000, LostBatches = 2, SensorsConnected = 0 }), Start);
        _fleet.Apply(B, new StatisticsUpdate(Totals(live: 1) with { ReadingsPerSecond = 250, ReadingsCommitted = 2900, LostBatches = 2, SensorsConnected = 1 }), Start);
        _fleet.Apply(A, Update(Part(count: 50, status: SensorStatus.Offline)), Start);
        _fleet.Apply(B, Update(Part(count: 70, windowIndex: 3)), Start);
        _fleet.Apply(A, new SnapshotCompleted(1), Start);
        _fleet.Apply(B, new SnapshotCompleted(1), Start);

        var totals = _fleet.Merged().Totals!;

        Assert.Equal(350, totals.ReadingsPerSecond);
        Assert.Equal(3000UL, totals.ReadingsCommitted);
        Assert.Equal(2UL, totals.LostBatches);
        Assert.Equal(1U, totals.SensorsConnected);
        Assert.Equal(1U, totals.SensorsLive);
        Assert.Equal(0U, totals.SensorsOffline);
    }

    [Fact]
    public void Merged_RejectedBatches_AreSummedOverTheCollectors()
    {
        Snapshot(A, Part(count: 40) with { RejectedBatches = 3, LastRejection = "bad a" });
        Snapshot(B, Part(count: 60, windowIndex: 1) with { RejectedBatches = 4, LastRejection = "bad b" });

        var latest = Assert.Single(_fleet.Merged().Rows.Values).Latest;

        Assert.Equal(7UL, latest.RejectedBatches);
        Assert.Equal("bad b", latest.LastRejection);
    }

    [Fact]
    public void Merged_SensorNoCollectorShowsAnyMore_LeavesTheView()
    {
        Snapshot(A, Part(count: 40));
        Snapshot(B);

        _fleet.Connected(A, CollectorA, Start);
        _fleet.Apply(A, new SnapshotCompleted(0), Start);

        Assert.Empty(_fleet.Merged().Rows);
    }

    [Fact]
    public void Merged_OneCollector_IsThatCollectorsOwnView()
    {
        var single = new FleetState(["http://a:5000"]);
        single.Connected(0, CollectorA, Start);
        single.Apply(0, new StatisticsUpdate(Totals()), Start);
        single.Apply(0, Update(Part(count: 40)), Start);
        single.Apply(0, new SnapshotCompleted(1), Start);

        var merged = single.Merged();
        var own = single.Collector(0);

        Assert.Equal(own.Connection, merged.Connection);
        Assert.Equal(own.Totals, merged.Totals);
        Assert.Equal(own.Rows["sim-1"].Latest, merged.Rows["sim-1"].Latest);
        Assert.Empty(merged.Collectors);
    }

    [Fact]
    public void Merged_ManyWindows_KeepsOnlyTheHistoryCapacity()
    {
        var fleet = new FleetState(["http://a:5000", "http://b:5000"], historyCapacity: 3);
        fleet.Connected(A, CollectorA, Start);
        for (var index = 0; index < 50; index++)
        {
            fleet.Apply(A, Update(Part(count: 10, windowIndex: index)), Start);
        }

        fleet.Apply(A, new SnapshotCompleted(1), Start);
        var row = fleet.Merged().Rows["sim-1"];

        Assert.Equal(3, row.History.Count);
        Assert.Equal(Start.AddSeconds(49), row.Latest.WindowStart);
    }

    private void Snapshot(int collector, params WindowAggregate[] windows)
    {
        _fleet.Connected(collector, collector == A ? CollectorA : CollectorB, Start);
        foreach (var window in windows)
        {
            _fleet.Apply(collector, Update(window), Start);
        }

        _fleet.Apply(collector, new SnapshotCompleted((uint)windows.Length), Start);
    }

    private static WindowAggregate Part(
        ulong count, double min = 20, double max = 22, double mean = 21, double last = 21, int windowIndex = 0,
        SensorStatus status = SensorStatus.Live) =>
        Window("sim-1", count: count, status: status, windowIndex: windowIndex, last: last) with { Min = min, Max = max, Mean = mean };
}
