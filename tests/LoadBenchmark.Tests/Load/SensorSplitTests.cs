using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Tests.Load;

public sealed class SensorSplitTests
{
    [Fact]
    public void CollectorOf_TwentySensorsOverTwoCollectors_HalfEachAlternating()
    {
        var collectors = Enumerable.Range(0, 20).Select(sensor => SensorSplit.CollectorOf(sensor, 2)).ToList();

        Assert.Equal(10, collectors.Count(c => c == 0));
        Assert.Equal(10, collectors.Count(c => c == 1));
        Assert.Equal([0, 1, 0, 1], collectors.Take(4));
    }

    [Fact]
    public void CollectorOf_OneCollector_TakesEverySensor() =>
        Assert.All(Enumerable.Range(0, 20), sensor => Assert.Equal(0, SensorSplit.CollectorOf(sensor, 1)));

    [Fact]
    public void CollectorOf_SensorsNotAMultiple_SharesDifferByAtMostOne()
    {
        var shares = Enumerable.Range(0, 20).GroupBy(sensor => SensorSplit.CollectorOf(sensor, 3)).Select(g => g.Count()).ToList();

        Assert.Equal([7, 7, 6], shares);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 2)]
    public void CollectorOf_NoCollectorsOrNegativeSensor_Throws(int sensor, int collectors) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SensorSplit.CollectorOf(sensor, collectors));
}
