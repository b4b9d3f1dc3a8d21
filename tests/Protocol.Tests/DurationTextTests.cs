using Ingest.Protocol;

namespace Ingest.Protocol.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("500ms", 500)]
    [InlineData("1s", 1_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("60s", 60_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData(" 10 MS ", 10)]
    [InlineData("00:00:00.050", 50)]
    [InlineData("00:00:10", 10_000)]
    [InlineData("00:01:30", 90_000)]
    public void TryParse_EveryAcceptedForm_ReadsTheDuration(string text, int milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("ten s")]
    [InlineData("5")]
    [InlineData("10")]
    [InlineData("-5s")]
    [InlineData("-00:00:05")]
    [InlineData("1,5s")]
    [InlineData("5 days")]
    [InlineData("1y")]
    public void TryParse_NotADuration_IsRefused(string? text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void TryParse_BeyondTheLongestTimeSpan_IsTheLongest()
    {
        Assert.True(DurationText.TryParse("99999999999999999999999d", out var duration));

        Assert.Equal(TimeSpan.MaxValue, duration);
    }

    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(10, "10ms")]
    [InlineData(1000, "1s")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    [InlineData(3_600_000, "1h")]
    public void Format_ReadsBackAsTheSameDuration(int milliseconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }

    [Fact]
    public void Format_ATickBelowAMillisecond_StillReadsBack()
    {
        var duration = TimeSpan.FromTicks(1);

        Assert.Equal("0.0000001s", DurationText.Format(duration));
        Assert.True(DurationText.TryParse(DurationText.Format(duration), out var back));
        Assert.Equal(duration, back);
    }
}
