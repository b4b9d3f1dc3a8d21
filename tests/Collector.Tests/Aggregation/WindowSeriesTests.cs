using Ingest.Collector.Aggregation;

namespace Ingest.Collector.Tests.Aggregation;

public sealed class WindowSeriesTests
{
    private const long Second = 1_000_000;
    private const long Base = 1_772_366_400L * Second;

    [Fact]
    public void CloseOpen_MoreWindowsThanKept_KeepsOnlyTheNewest()
    {
        var series = new WindowSeries(TimeSpan.FromSeconds(1), closedKept: 3);

        for (var second = 0; second < 20; second++)
        {
            var timestamp = Base + (second * Second);
            series.Advance(timestamp);
            Assert.True(series.Add(timestamp, second, timestamp, latenessMicros: 5 * Second));
        }

        Assert.Equal(3, series.ClosedCount);
        Assert.Equal(Base + (18 * Second), series.Latest!.StartMicros);
        Assert.True(series.IsOpen);
    }

    [Fact]
    public void Add_ReadingOlderThanEveryKeptWindowWhileTheHistoryIsFull_IsTooLate()
    {
        var series = new WindowSeries(TimeSpan.FromSeconds(1), closedKept: 2);
        foreach (var second in new[] { 5, 6, 7 })
        {
            var timestamp = Base + (second * Second);
            series.Advance(timestamp);
            series.Add(timestamp, second, timestamp, latenessMicros: 60 * Second);
        }

        Assert.False(series.Add(Base + (2 * Second), 0, Base + (7 * Second), latenessMicros: 60 * Second));
        Assert.Equal(2, series.ClosedCount);
    }

    [Fact]
    public void Add_ReadingAtTheWatermarkWindowEnd_OpensTheNextWindow()
    {
        var series = new WindowSeries(TimeSpan.FromSeconds(10), closedKept: 2);
        series.Add(Base, 1, Base, 0);

        series.Advance(Base + (10 * Second));
        series.Add(Base + (10 * Second), 2, Base + (10 * Second), 0);

        Assert.Equal(1, series.ClosedCount);
        Assert.True(series.LatestChanged);
        Assert.Equal(Base, series.Latest!.StartMicros);
        Assert.Equal(Base + (10 * Second), series.Latest.EndMicros);
    }
}
