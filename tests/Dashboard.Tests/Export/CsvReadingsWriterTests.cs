using Ingest.Dashboard.Export;

namespace Ingest.Dashboard.Tests.Export;

public sealed class CsvReadingsWriterTests
{
    [Fact]
    public async Task WriteAsync_WritesHeaderAndOneLinePerReading()
    {
        using var output = new StringWriter();

        var count = await CsvReadingsWriter.WriteAsync(
            Readings(new StoredReading(1_746_100_800_000_001, 21.5), new StoredReading(1_746_100_800_010_000, -0.1)),
            output,
            CancellationToken.None);

        Assert.Equal(2, count);
        Assert.Equal(
            "timestamp,value\n2025-05-01T12:00:00.000001Z,21.5\n2025-05-01T12:00:00.010000Z,-0.1\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(1e-9, "1E-09")]
    [InlineData(123456789.123, "123456789.123")]
    public void FormatLine_ValueRoundTrips(double value, string expected)
    {
        var line = CsvReadingsWriter.FormatLine(new StoredReading(0, value));

        Assert.Equal($"1970-01-01T00:00:00.000000Z,{expected}", line);
        Assert.Equal(value, double.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WriteAsync_NoReadings_WritesOnlyTheHeader()
    {
        using var output = new StringWriter();

        Assert.Equal(0, await CsvReadingsWriter.WriteAsync(Readings(), output, CancellationToken.None));
        Assert.Equal("timestamp,value\n", output.ToString().ReplaceLineEndings("\n"));
    }

    private static async IAsyncEnumerable<StoredReading> Readings(params StoredReading[] readings)
    {
        foreach (var reading in readings)
        {
            await Task.Yield();
            yield return reading;
        }
    }
}
