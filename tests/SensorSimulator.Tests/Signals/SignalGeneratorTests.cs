using System.Globalization;
using Ingest.SensorSimulator.Signals;

namespace Ingest.SensorSimulator.Tests.Signals;

public sealed class SignalGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_SameSeedAndTimes_GivesTheSameValues()
    {
        var first = Generate(SignalProfiles.Temperature, SensorSeed.For(42, 1), 1_000);
        var second = Generate(SignalProfiles.Temperature, SensorSeed.For(42, 1), 1_000);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Next_DifferentSensorsOrSeeds_GiveDifferentValues()
    {
        var sensor1 = Generate(SignalProfiles.Temperature, SensorSeed.For(42, 1), 100);
        var sensor2 = Generate(SignalProfiles.Temperature, SensorSeed.For(42, 2), 100);
        var otherSeed = Generate(SignalProfiles.Temperature, SensorSeed.For(43, 1), 100);

        Assert.NotEqual(sensor1, sensor2);
        Assert.NotEqual(sensor1, otherSeed);
    }

    [Fact]
    public void SensorSeed_IsStableAcrossRuns()
    {
        // A fixed value: sensor signals must not change between processes or releases of .NET.
        Assert.Equal(SensorSeed.For(42, 7), SensorSeed.For(42, 7));
        Assert.Equal(163_628_348, SensorSeed.For(42, 1));
    }

    [Theory]
    [InlineData("temperature")]
    [InlineData("humidity")]
    [InlineData("pressure")]
    [InlineData("vibration")]
    [InlineData("co2")]
    public void Next_StaysWithinThePhysicalLimitsOfTheKind(string kind)
    {
        var profile = SignalProfiles.For(kind);

        var values = Generate(profile, SensorSeed.For(42, 3), 20_000);

        Assert.All(values, value => Assert.InRange(value, profile.Minimum, profile.Maximum));
        Assert.All(values, value => Assert.True(double.IsFinite(value)));
    }

    [Theory]
    [InlineData("temperature", 2)]
    [InlineData("humidity", 1)]
    [InlineData("pressure", 2)]
    [InlineData("vibration", 3)]
    [InlineData("co2", 3)]
    public void Next_GivesDecimalsOfTheResolutionAsAnInstrumentReportsThem(string kind, int places)
    {
        var values = Generate(SignalProfiles.For(kind), SensorSeed.For(42, 3), 20_000);

        // The double that the decimal's text parses to, and never -0.
        Assert.All(values, value => Assert.Equal(
            BitConverter.DoubleToInt64Bits(double.Parse(value.ToString("F" + places, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + 0.0),
            BitConverter.DoubleToInt64Bits(value)));
    }

    [Theory]
    [InlineData(2137, 0.01, 21.37)]
    [InlineData(3, 0.1, 0.3)]
    [InlineData(-7, 0.001, -0.007)]
    [InlineData(5, 0.25, 1.25)]
    [InlineData(3, 0.3, 0.9)]
    [InlineData(3, 0.07, 0.21)]
    [InlineData(3, 0.15, 0.45)]
    [InlineData(-41, 2.5, -102.5)]
    public void Quantize_StepsOfADecimalResolution_IsThatDecimal(int steps, double resolution, double expected) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(SignalGenerator.Quantize(steps * resolution, resolution)));

    [Fact]
    public void Quantize_ASmallNegativeValue_IsZeroNotNegativeZero() =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(SignalGenerator.Quantize(-0.003, 0.01)));

    [Fact]
    public void Next_Temperature_IsWarmerInTheAfternoonThanAtNight()
    {
        var generator = new SignalGenerator(SignalProfiles.Temperature, SensorSeed.For(42, 1));
        var night = Enumerable.Range(0, 600).Select(i => generator.Next(Start.AddHours(3).AddSeconds(i))).Average();
        var afternoon = Enumerable.Range(0, 600).Select(i => generator.Next(Start.AddHours(15).AddSeconds(i))).Average();

        Assert.True(afternoon > night + 4, $"afternoon {afternoon} vs night {night}");
    }

    [Fact]
    public void For_UnknownKind_UsesTheGenericProfile()
    {
        Assert.Same(SignalProfiles.Generic, SignalProfiles.For("co2"));
        Assert.Same(SignalProfiles.Humidity, SignalProfiles.For("Humidity"));
    }

    private static double[] Generate(SignalProfile profile, int seed, int count)
    {
        var generator = new SignalGenerator(profile, seed);
        return Enumerable.Range(0, count).Select(i => generator.Next(Start.AddMilliseconds(10 * i))).ToArray();
    }
}
