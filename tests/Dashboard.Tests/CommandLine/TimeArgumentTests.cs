using Ingest.Dashboard.CommandLine;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.CommandLine;

public sealed class TimeArgumentTests
{
    [Theory]
    [InlineData("now", 0)]
    [InlineData("NOW", 0)]
    [InlineData("-5m", -300)]
    [InlineData("-1h", -3600)]
    [InlineData("-30s", -30)]
    [InlineData("-2d", -172800)]
    [InlineData("+90s", 90)]
    [InlineData("-1.5h", -5400)]
    public void TryParse_RelativeForms_ResolveAgainstNow(string text, int seconds)
    {
        Assert.True(TimeArgument.TryParse(text, out var time));

        Assert.Equal(Start.AddSeconds(seconds), time!.Resolve(Start));
    }

    [Theory]
    [InlineData("2025-04-30T10:15:00Z", "2025-04-30T10:15:00+00:00")]
    [InlineData("2025-04-30T10:15:00.123456Z", "2025-04-30T10:15:00.1234560+00:00")]
    [InlineData("2025-04-30T12:15:00+02:00", "2025-04-30T10:15:00+00:00")]
    [InlineData("2025-04-30T10:15:00", "2025-04-30T10:15:00+00:00")]
    [InlineData("2025-04-30T10:15Z", "2025-04-30T10:15:00+00:00")]
    [InlineData("2025-04-30 10:15:00", "2025-04-30T10:15:00+00:00")]
    [InlineData("2025-04-30", "2025-04-30T00:00:00+00:00")]
    public void TryParse_Iso8601_IsAbsoluteAndUtcWithoutAnOffset(string text, string expected)
    {
        Assert.True(TimeArgument.TryParse(text, out var time));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time!.Resolve(Start));
        Assert.Equal(TimeSpan.Zero, time.Resolve(Start).Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("-5x")]
    [InlineData("5/1/2025")]
    [InlineData("2025-13-01")]
    public void TryParse_Nonsense_Fails(string text) => Assert.False(TimeArgument.TryParse(text, out _));
}
