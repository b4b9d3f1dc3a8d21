using Ingest.Dashboard.Model;
using Ingest.Dashboard.Tests.Infrastructure;

namespace Ingest.Dashboard.Tests.Model;

public sealed class MeanHistoryTests
{
    [Fact]
    public void Record_MoreWindowsThanCapacity_KeepsOnlyTheMostRecent()
    {
        var history = MeanHistory.Empty(capacity: 20);

        for (var i = 0; i < 50; i++)
        {
            history = history.Record(TestData.Start.AddSeconds(i), i);
        }

        Assert.Equal(20, history.Count);
        Assert.Equal(Enumerable.Range(30, 20).Select(i => (double)i), history.Means);
    }

    [Fact]
    public void Record_OutOfOrderWindow_IsPlacedByItsStart()
    {
        var history = MeanHistory.Empty()
            .Record(TestData.Start.AddSeconds(2), 2)
            .Record(TestData.Start.AddSeconds(0), 0)
            .Record(TestData.Start.AddSeconds(1), 1);

        Assert.Equal([0, 1, 2], history.Means);
    }

    [Fact]
    public void Record_WindowOlderThanAllKeptWhenFull_IsDropped()
    {
        var history = MeanHistory.Empty(capacity: 2)
            .Record(TestData.Start.AddSeconds(5), 5)
            .Record(TestData.Start.AddSeconds(6), 6)
            .Record(TestData.Start, 0);

        Assert.Equal([5, 6], history.Means);
    }

    [Fact]
    public void Record_NaN_IsIgnored()
    {
        var history = MeanHistory.Empty().Record(TestData.Start, double.NaN);

        Assert.Equal(0, history.Count);
    }
}
