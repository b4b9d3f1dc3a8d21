using Ingest.LoadBenchmark.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class FleetStormTallyTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Welcomed_ByTheMarkedInstance_IsNotBack()
    {
        var storm = new FleetStormTally(2, _time);
        storm.Mark("old");

        storm.Welcomed(0, "old");

        Assert.Equal(0, storm.WelcomedCount);
        Assert.Equal([null, null], storm.WelcomedSeconds);
    }

    [Fact]
    public void Welcomed_ByANewInstance_IsBackAtItsFirstWelcomeAfterTheMark()
    {
        var storm = new FleetStormTally(2, _time);
        storm.Mark("old");
        _time.Advance(TimeSpan.FromSeconds(3));

        storm.Welcomed(1, "new");
        _time.Advance(TimeSpan.FromSeconds(5));
        storm.Welcomed(1, "new");

        Assert.Equal(1, storm.WelcomedCount);
        Assert.Equal([null, 3.0], storm.WelcomedSeconds);
    }

    [Fact]
    public void Acknowledged_BeforeANewInstanceAnswered_IsNotBack()
    {
        var storm = new FleetStormTally(1, _time);
        storm.Mark("old");

        storm.Acknowledged(0);

        Assert.Equal(0, storm.AckedCount);
        Assert.Equal([null], storm.AckedSeconds);
    }

    [Fact]
    public void Acknowledged_AfterANewInstanceGreeted_IsBack()
    {
        var storm = new FleetStormTally(1, _time);
        storm.Mark("old");
        storm.Greeted("old");
        _time.Advance(TimeSpan.FromSeconds(2));
        storm.Greeted("new");
        _time.Advance(TimeSpan.FromSeconds(1));

        storm.Acknowledged(0);

        Assert.Equal(1, storm.AckedCount);
        Assert.Equal([3.0], storm.AckedSeconds);
    }

    [Fact]
    public void Failed_CountsOnlyBetweenMarkAndEndMark()
    {
        var storm = new FleetStormTally(1, _time);
        storm.Failed("Unavailable");
        storm.Mark("old");
        storm.Failed("Unavailable");
        storm.Failed("Unavailable");
        storm.Failed("Internal");
        storm.EndMark();
        storm.Failed("Unavailable");

        Assert.Equal(new Dictionary<string, long> { ["Internal"] = 1, ["Unavailable"] = 2 }, storm.Errors);
    }

    [Fact]
    public void EndMark_LaterWelcomesAndAcks_AreNotBack()
    {
        var storm = new FleetStormTally(1, _time);
        storm.Mark("old");
        storm.EndMark();

        storm.Welcomed(0, "new");
        storm.Acknowledged(0);

        Assert.Equal(0, storm.WelcomedCount);
        Assert.Equal(0, storm.AckedCount);
    }

    [Fact]
    public void Mark_WithoutAnInstanceSeen_CountsAnyInstanceAsNew()
    {
        var storm = new FleetStormTally(1, _time);
        storm.Mark(null);

        storm.Welcomed(0, "first");

        Assert.Equal(1, storm.WelcomedCount);
    }
}
