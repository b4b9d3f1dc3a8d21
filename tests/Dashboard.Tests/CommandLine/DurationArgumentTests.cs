using Ingest.Dashboard.CommandLine;

namespace Ingest.Dashboard.Tests.CommandLine;

public sealed class DurationArgumentTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1s", 1_000)]
    [InlineData("10s", 10_000)]
    [InlineData("60s", 60_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("00:00:10", 10_000)]
    public void TryParse_NumberWithUnitOrTimeSpan(string text, int milliseconds)
    {
        Assert.True(DurationArgument.TryParse(text, out var duration));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("ten s")]
    [InlineData("-1s")]
    [InlineData("1y")]
    public void TryParse_Nonsense_Fails(string text) => Assert.False(DurationArgument.TryParse(text, out _));
}
