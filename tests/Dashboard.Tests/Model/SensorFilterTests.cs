using Ingest.Dashboard.Model;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Model;

public sealed class SensorFilterTests
{
    [Theory]
    [InlineData("sim-temperature-0001", "sim-temperature-0001", true)]
    [InlineData("sim-*", "sim-temperature-0001", true)]
    [InlineData("*-0001", "sim-temperature-0001", true)]
    [InlineData("sim-*-0001", "sim-temperature-0001", true)]
    [InlineData("*temp*", "sim-temperature-0001", true)]
    [InlineData("*", "anything", true)]
    [InlineData("sim-*-0002", "sim-temperature-0001", false)]
    [InlineData("sim", "sim-temperature-0001", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("SIM-*", "sim-temperature-0001", false)]
    public void WildcardMatches_StarMatchesAnyRun(string pattern, string value, bool expected) =>
        Assert.Equal(expected, SensorFilter.WildcardMatches(pattern, value));

    [Fact]
    public void Matches_PatternsAndKinds_MustBothMatch()
    {
        var filter = new SensorFilter(["sim-*"], ["humidity", "pressure"]);

        Assert.True(filter.Matches(SensorRow.First(Window("sim-1", kind: "humidity"), 20)));
        Assert.False(filter.Matches(SensorRow.First(Window("sim-1", kind: "temperature"), 20)));
        Assert.False(filter.Matches(SensorRow.First(Window("lab-1", kind: "humidity"), 20)));
    }

    [Fact]
    public void Matches_EmptyFilter_MatchesEverything() =>
        Assert.True(SensorFilter.All.Matches(SensorRow.First(Window("x", kind: "y"), 20)));
}
