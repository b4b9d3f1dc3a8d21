using Ingest.Dashboard.SensorConfig;

namespace Ingest.Dashboard.Tests.SensorConfig;

public sealed class ConfigFormatTests
{
    [Theory]
    [InlineData(10, "10 ms")]
    [InlineData(12.5, "12.5 ms")]
    [InlineData(1_000, "1 s")]
    [InlineData(1_500, "1.5 s")]
    [InlineData(90_000, "90 s")]
    [InlineData(300_000, "5 min")]
    [InlineData(3_600_000, "1 h")]
    public void Duration_IsExactInTheLargestUnitThatFits(double milliseconds, string expected) =>
        Assert.Equal(expected, ConfigFormat.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Sensors_SaysSensorForOne() =>
        Assert.Equal(("1 sensor", "3 connected sensors"), (ConfigFormat.Sensors(1), ConfigFormat.Sensors(3, "connected")));
}
