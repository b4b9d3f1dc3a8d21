using Ingest.LoadBenchmark.Fleet;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class FleetStormResultTests
{
    [Fact]
    public void WithSensorTimes_EveryoneBack_GivesTheLastTimeAndTheCountsAtEachMark()
    {
        var storm = new FleetStormResult { Sensors = 4 }.WithSensorTimes([1.0, 12.0, 31.0, 45.0], [2.0, 9.0, 20.0, 59.5]);

        Assert.Equal(45.0, storm.AllWelcomedSeconds);
        Assert.Equal(59.5, storm.AllAckedSeconds);
        Assert.Equal((1, 2, 4), (storm.WelcomedBy10s, storm.WelcomedBy30s, storm.WelcomedBy60s));
        Assert.Equal((2, 3, 4), (storm.AckedBy10s, storm.AckedBy30s, storm.AckedBy60s));
        Assert.Equal((4, 4), (storm.Welcomed, storm.Acked));
        Assert.True(storm.BackWithinGoal);
    }

    [Fact]
    public void WithSensorTimes_OneNeverAcked_HasNoAllAckedTimeAndIsNotBack()
    {
        var storm = new FleetStormResult { Sensors = 2 }.WithSensorTimes([1.0, 2.0], [1.5, null]);

        Assert.Equal(2.0, storm.AllWelcomedSeconds);
        Assert.Null(storm.AllAckedSeconds);
        Assert.Equal(1, storm.Acked);
        Assert.False(storm.BackWithinGoal);
    }

    [Fact]
    public void WithSensorTimes_AllBackAfterTheGoal_IsNotBackWithinIt()
    {
        var storm = new FleetStormResult { Sensors = 1 }.WithSensorTimes([61.0], [62.0]);

        Assert.Equal((0, 0), (storm.WelcomedBy60s, storm.AckedBy60s));
        Assert.False(storm.BackWithinGoal);
    }

    [Fact]
    public void WithSensorTimes_FewerTimesThanSensors_IsNotAllBack()
    {
        var storm = new FleetStormResult { Sensors = 3 }.WithSensorTimes([1.0, 2.0], [1.0, 2.0]);

        Assert.Null(storm.AllWelcomedSeconds);
        Assert.False(storm.BackWithinGoal);
    }

    [Fact]
    public void SinceListening_SubtractsEachWorkersOffsetAndNeverGoesBelowZero()
    {
        var workers = new[]
        {
            new FleetWorkerResult { StormWelcomedSeconds = [5.0, null] },
            new FleetWorkerResult { StormWelcomedSeconds = [3.5, 1.0] },
        };

        var times = FleetStormResult.SinceListening(workers, [2.0, 1.5], w => w.StormWelcomedSeconds);

        Assert.Equal([3.0, null, 2.0, 0.0], times);
    }
}
