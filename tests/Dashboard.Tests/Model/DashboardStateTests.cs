using Ingest.Dashboard.Model;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Model;

public sealed class DashboardStateTests
{
    private static readonly CollectorIdentity Restarted = new("collector-2", "0.2.0");

    [Fact]
    public void Apply_SnapshotComplete_ReplacesTheRowsWithTheNewSnapshot()
    {
        var state = Connected(Window("a", mean: 1), Window("b", mean: 2));

        state = state.Connected(Restarted, Start)
            .Apply(Update(Window("b", mean: 20, windowIndex: 5)), Start)
            .Apply(Update(Window("c", mean: 30, windowIndex: 5)), Start)
            .Apply(new SnapshotCompleted(2), Start);

        Assert.Equal(["b", "c"], state.Rows.Keys.Order());
        Assert.Equal(20, state.Rows["b"].Latest.Mean);
        Assert.Equal(Restarted, state.Connection.Collector);
        Assert.False(state.IsShowingLastKnownData);
    }

    [Fact]
    public void Apply_WindowsOfAPendingSnapshot_KeepTheOldRowsOnScreenUntilItCompletes()
    {
        var state = Connected(Window("a", mean: 1));

        state = state.Connected(Restarted, Start).Apply(Update(Window("a", mean: 50, windowIndex: 1)), Start);

        Assert.Equal(1, state.Rows["a"].Latest.Mean);
        Assert.True(state.IsShowingLastKnownData);
    }

    [Fact]
    public void Apply_NewSnapshot_KeepsTheSparklineOfSensorsSeenBefore()
    {
        var state = Connected(Window("a", mean: 1, windowIndex: 0));
        state = state.Apply(Update(Window("a", mean: 2, windowIndex: 1)), Start);

        state = state.Connected(Restarted, Start)
            .Apply(Update(Window("a", mean: 3, windowIndex: 2)), Start)
            .Apply(new SnapshotCompleted(1), Start);

        Assert.Equal([1, 2, 3], state.Rows["a"].History.Means);
    }

    [Fact]
    public void Apply_WindowAfterSnapshot_UpdatesTheRowAndAddsToTheSparkline()
    {
        var state = Connected(Window("a", mean: 1, last: 1.5));

        state = state.Apply(Update(Window("a", mean: 2, last: 2.5, windowIndex: 1)), Start);

        Assert.Equal(2.5, state.Rows["a"].Latest.Last);
        Assert.Equal([1, 2], state.Rows["a"].History.Means);
    }

    [Fact]
    public void Apply_LateUpdateOfTheSameWindow_ReplacesItsMeanInsteadOfAddingOne()
    {
        var state = Connected(Window("a", mean: 1, windowIndex: 0));

        state = state.Apply(Update(Window("a", mean: 1.5, windowIndex: 0)), Start);

        Assert.Equal([1.5], state.Rows["a"].History.Means);
    }

    [Fact]
    public void Apply_OlderWindow_DoesNotReplaceTheLatestShown()
    {
        var state = Connected(Window("a", mean: 5, windowIndex: 3));

        state = state.Apply(Update(Window("a", mean: 1, windowIndex: 1)), Start);

        Assert.Equal(5, state.Rows["a"].Latest.Mean);
        Assert.Equal([1, 5], state.Rows["a"].History.Means);
    }

    [Fact]
    public void Apply_RejectionsWithAnOlderWindow_KeepTheLatestWindowAndTakeTheNewCount()
    {
        var state = Connected(Window("a", mean: 5, windowIndex: 3, rejected: 1, lastRejection: "first"));

        state = state.Apply(Update(Window("a", mean: 1, windowIndex: 1, rejected: 4, lastRejection: "latest")), Start);

        Assert.Equal((5.0, 4UL, "latest"), (state.Rows["a"].Latest.Mean, state.Rows["a"].Latest.RejectedBatches, state.Rows["a"].Latest.LastRejection));
    }

    [Fact]
    public void Apply_FirstWindowOfASensorKnownOnlyThroughRejections_ReplacesTheRejectedOnlyRow()
    {
        var state = Connected(RejectedOnly("a", rejected: 3));
        Assert.True(state.Rows["a"].RejectedOnly);

        state = state.Apply(Update(Window("a", mean: 2, rejected: 3, lastRejection: SkewReason)), Start);

        Assert.False(state.Rows["a"].RejectedOnly);
        Assert.Equal((100UL, 3UL), (state.Rows["a"].Latest.Count, state.Rows["a"].Latest.RejectedBatches));
        Assert.Equal([2], state.Rows["a"].History.Means);
    }

    [Theory]
    [InlineData(nameof(SensorStatus.Stale))]
    [InlineData(nameof(SensorStatus.Offline))]
    [InlineData(nameof(SensorStatus.Live))]
    public void Apply_LivenessChange_UpdatesTheRowStatus(string statusName)
    {
        var status = Enum.Parse<SensorStatus>(statusName);
        var state = Connected(Window("a", status: SensorStatus.Live));

        state = state.Apply(Update(Window("a", status: status)), Start);

        Assert.Equal(status, state.Rows["a"].Status);
    }

    [Fact]
    public void Apply_EmptyWindow_DoesNotEnterTheSparkline()
    {
        var state = Connected(Window("a", mean: 1, windowIndex: 0));

        state = state.Apply(Update(Window("a", mean: 0, count: 0, windowIndex: 1)), Start);

        Assert.Equal([1], state.Rows["a"].History.Means);
        Assert.Equal(0UL, state.Rows["a"].Latest.Count);
    }

    [Fact]
    public void Apply_Statistics_UpdatesTotalsAndTheCollectorIdentity()
    {
        var state = Connected(Window("a"));
        var totals = Totals() with { CollectorInstanceId = "collector-9", CollectorVersion = "9.9.9", ReadingsCommitted = 42 };

        state = state.Apply(new StatisticsUpdate(totals), Start);

        Assert.Equal(42UL, state.Totals!.ReadingsCommitted);
        Assert.Equal(new CollectorIdentity("collector-9", "9.9.9"), state.Connection.Collector);
    }

    [Fact]
    public void Apply_Heartbeat_OnlyRecordsThatTheCollectorWasHeard()
    {
        var state = Connected(Window("a"));
        var later = Start.AddSeconds(7);

        var after = state.Apply(new HeartbeatUpdate(later), later);

        Assert.Equal(later, after.LastHeardAt);
        Assert.Same(state.Rows, after.Rows);
    }

    [Fact]
    public void Reconnecting_KeepsTheLastDataAndMarksItStale()
    {
        var state = Connected(Window("a", mean: 7));
        var notice = new RetryNotice(2, TimeSpan.FromSeconds(1), Start.AddSeconds(1), "Unavailable: connection refused");

        state = state.Reconnecting(notice);

        Assert.True(state.IsShowingLastKnownData);
        Assert.Equal(7, state.Rows["a"].Latest.Mean);
        Assert.Equal(ConnectionPhase.Reconnecting, state.Connection.Phase);
        Assert.Equal(2, state.Connection.FailedAttempts);
        Assert.Equal(Start.AddSeconds(1), state.Connection.NextAttemptAt);
        Assert.Equal("Unavailable: connection refused", state.Connection.LastError);
    }

    [Fact]
    public void Reconnecting_DuringASnapshot_DropsThePartialSnapshot()
    {
        var state = Connected(Window("a", mean: 7)).Connected(Restarted, Start).Apply(Update(Window("zzz")), Start);

        state = state.Reconnecting(new RetryNotice(1, TimeSpan.FromSeconds(1), Start, "Unavailable"));

        Assert.Null(state.PendingSnapshot);
        Assert.Equal(["a"], state.Rows.Keys);
    }

    [Fact]
    public void Initial_IsConnectingWithoutRows()
    {
        var state = DashboardState.Initial(Address);

        Assert.Equal(ConnectionPhase.Connecting, state.Connection.Phase);
        Assert.Empty(state.Rows);
        Assert.True(state.IsShowingLastKnownData);
    }
}
