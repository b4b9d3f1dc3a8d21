using Ingest.Dashboard.Rendering;

namespace Ingest.Dashboard.Tests.Rendering;

public sealed class ValueFormatTests
{
    [Theory]
    [InlineData(21.5345, "21.535")]
    [InlineData(1013.25, "1013.25")]
    [InlineData(0, "0")]
    [InlineData(-4.5, "-4.5")]
    [InlineData(0.0001234, "1.234E-4")]
    [InlineData(12345678.9, "1.235E+7")]
    public void Value_IsShortAndInvariant(double value, string expected) => Assert.Equal(expected, ValueFormat.Value(value));

    [Theory]
    [InlineData(850, "850 ms")]
    [InlineData(2_400, "2.4 s")]
    [InlineData(180_000, "3 min")]
    [InlineData(-5, "0 ms")]
    public void Duration_ReadsForAPerson(double milliseconds, string expected) =>
        Assert.Equal(expected, ValueFormat.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(1, "1s")]
    [InlineData(10, "10s")]
    [InlineData(60, "1m")]
    [InlineData(0.5, "500ms")]
    public void Window_ReadsAsTheCommandLineTakesIt(double seconds, string expected) =>
        Assert.Equal(expected, ValueFormat.Window(TimeSpan.FromSeconds(seconds)));
}
