using Ingest.Dashboard.Model;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Model;

public sealed class RateHistoryTests
{
    private static readonly TimeSpan Slot = RateHistory.SlotLength;

    [Fact]
    public void Series_SlotsWithoutAReport_HoldTheValueBeforeAndNaNBeforeTheFirst()
    {
        var history = RateHistory.Empty().Record(Start, 10).Record(Start + (3 * Slot), 30);

        var series = history.Series(Start + (4 * Slot), 6);

        Assert.True(double.IsNaN(series[0]));
        Assert.Equal([10, 10, 10, 30, 30], series[1..]);
    }

    [Fact]
    public void Record_KeepsAtMostItsCapacityOfSlots()
    {
        var history = RateHistory.Empty(capacity: 5);
        for (var i = 0; i < 100; i++)
        {
            history = history.Record(Start + (i * Slot), i);
        }

        Assert.Equal(5, history.Count);
        Assert.Equal([95, 96, 97, 98, 99], history.Series(Start + (99 * Slot), 5));
    }

    [Fact]
    public void Record_TwiceInASlot_KeepsTheLatest()
    {
        var history = RateHistory.Empty().Record(Start, 10).Record(Start + TimeSpan.FromMilliseconds(500), 20);

        Assert.Equal(1, history.Count);
        Assert.Equal([20], history.Series(Start, 1));
    }

    [Fact]
    public void Sum_AddsCollectorsSlotBySlot()
    {
        var a = RateHistory.Empty().Record(Start, 10);
        var b = RateHistory.Empty().Record(Start + Slot, 5);

        var sum = RateHistory.Sum([a, b], Start + Slot, 3);

        Assert.True(double.IsNaN(sum[0]));
        Assert.Equal([10, 15], sum[1..]);
    }
}
