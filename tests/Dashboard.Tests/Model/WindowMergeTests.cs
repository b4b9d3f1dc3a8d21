using Ingest.Dashboard.Model;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Model;

public sealed class WindowMergeTests
{
    [Fact]
    public void Merge_SplitWindow_GivesTheTrueCountMinMaxAndCountWeightedMean()
    {
        // Readings 1..4 committed by collector A, 10..15 by collector B: the whole window is 1..4 and 10..15.
        var a = Window("sim-1", count: 4) with { Min = 1, Max = 4, Mean = 2.5, Last = 4, ReadingsPerSecond = 4 };
        var b = Window("sim-1", count: 6) with { Min = 10, Max = 15, Mean = 12.5, Last = 15, ReadingsPerSecond = 6 };

        var merged = WindowMerge.Merge([a, b]);

        Assert.Equal(10UL, merged.Count);
        Assert.Equal(1, merged.Min);
        Assert.Equal(15, merged.Max);
        Assert.Equal((2.5 * 4 + 12.5 * 6) / 10, merged.Mean, precision: 12);
        Assert.Equal(10, merged.ReadingsPerSecond);
    }

    [Fact]
    public void Merge_Last_ComesFromTheNewestPartWithReadings()
    {
        var older = Window("sim-1", last: 4);
        var newer = Window("sim-1", last: 15);
        var emptyNewest = Window("sim-1", count: 0, last: 0, rejected: 2);

        Assert.Equal(15, WindowMerge.Merge([older, newer]).Last);
        Assert.Equal(4, WindowMerge.Merge([newer, older]).Last);
        Assert.Equal(15, WindowMerge.Merge([older, newer, emptyNewest]).Last);
    }

    [Fact]
    public void Merge_Liveness_IsTheBestOfTheParts()
    {
        var offline = Window("sim-1", status: SensorStatus.Offline);
        var live = Window("sim-1", status: SensorStatus.Live);
        var stale = Window("sim-1", status: SensorStatus.Stale);

        Assert.Equal(SensorStatus.Live, WindowMerge.Merge([offline, live]).Status);
        Assert.Equal(SensorStatus.Live, WindowMerge.Merge([live, offline]).Status);
        Assert.Equal(SensorStatus.Stale, WindowMerge.Merge([offline, stale]).Status);
    }

    [Fact]
    public void Merge_RejectedBatches_AreSummedAndTheLatestReasonKept()
    {
        var a = Window("sim-1", rejected: 3, lastRejection: "too old");
        var b = Window("sim-1", rejected: 2, lastRejection: "too new");

        var merged = WindowMerge.Merge([a, b]);

        Assert.Equal(5UL, merged.RejectedBatches);
        Assert.Equal("too new", merged.LastRejection);
    }

    [Fact]
    public void Merge_OnePartStillOpen_LeavesTheWindowOpen()
    {
        var closed = Window("sim-1");
        var open = Window("sim-1") with { Closed = false };

        Assert.False(WindowMerge.Merge([closed, open]).Closed);
        Assert.True(WindowMerge.Merge([closed, closed]).Closed);
    }

    [Fact]
    public void Merge_PartWithoutReadings_DoesNotPullMinMaxOrMeanToZero()
    {
        var readings = Window("sim-1", count: 5, mean: 20) with { Min = 19, Max = 21 };
        var none = Window("sim-1", count: 0, mean: 0) with { Min = 0, Max = 0 };

        var merged = WindowMerge.Merge([readings, none]);

        Assert.Equal(5UL, merged.Count);
        Assert.Equal(19, merged.Min);
        Assert.Equal(21, merged.Max);
        Assert.Equal(20, merged.Mean);
    }

    [Fact]
    public void Merge_OnePart_IsThatPartUnchanged()
    {
        var only = Window("sim-1", mean: 7, last: 8, rate: 123);

        Assert.Same(only, WindowMerge.Merge([only]));
    }
}
