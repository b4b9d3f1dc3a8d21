using Ingest.Collector.Subscriptions;

namespace Ingest.Collector.Tests.Subscriptions;

public sealed class SubscriptionFilterTests
{
    [Fact]
    public void Matches_EmptyFilter_MatchesEverySensorAndKind() =>
        Assert.True(new SubscriptionFilter([], []).Matches("any", ""));

    [Fact]
    public void Matches_IdsAndPatterns_MatchAnyOfThem()
    {
        var filter = new SubscriptionFilter(["boiler-1", "sim-*"], []);

        Assert.True(filter.Matches("boiler-1", "temperature"));
        Assert.True(filter.Matches("sim-7", "humidity"));
        Assert.False(filter.Matches("boiler-2", "temperature"));
    }

    [Fact]
    public void Matches_Kinds_MustAlsoMatch()
    {
        var filter = new SubscriptionFilter(["sim-*"], ["temperature", "pressure"]);

        Assert.True(filter.Matches("sim-1", "pressure"));
        Assert.False(filter.Matches("sim-1", "humidity"));
        Assert.False(filter.Matches("other", "pressure"));
    }

    [Fact]
    public void Matches_EmptyKindInTheList_MatchesSensorsThatNeverSaidTheirKind()
    {
        var filter = new SubscriptionFilter([], [""]);

        Assert.True(filter.Matches("anonymous", ""));
        Assert.False(filter.Matches("known", "temperature"));
    }
}
