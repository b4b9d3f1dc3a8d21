using Ingest.Collector.Model;

namespace Ingest.Collector.Tests.Model;

public sealed class SensorPatternTests
{
    [Theory]
    [InlineData("sim-001", "sim-001", true)]
    [InlineData("sim-001", "sim-0010", false)]
    [InlineData("sim-*", "sim-001", true)]
    [InlineData("sim-*", "sim-", true)]
    [InlineData("sim-*", "sims-001", false)]
    [InlineData("*-001", "sim-001", true)]
    [InlineData("*-001", "sim-002", false)]
    [InlineData("s*m*1", "sim-001", true)]
    [InlineData("s*m*1", "sim-010", false)]
    [InlineData("*", "anything", true)]
    [InlineData("**", "", true)]
    [InlineData("a*a*a", "aaaa", true)]
    [InlineData("a*b", "aaab", true)]
    [InlineData("a*b", "aaba", false)]
    [InlineData("Sim-*", "sim-001", false)]
    public void Matches_WildcardStandsForAnyRunOfCharacters(string pattern, string sensorId, bool expected) =>
        Assert.Equal(expected, SensorPattern.Matches(pattern, sensorId));
}
