using Ingest.LoadBenchmark.Fleet;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class FleetWorkerSettingsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("AB12")]
    public void Parse_OfToArguments_GivesTheSameSettings(string? certificate)
    {
        var settings = new FleetWorkerSettings("https://127.0.0.1:5000", "key", 5000, 2500, 333.5, "/tmp/w.json", certificate);

        Assert.Equal(settings, FleetWorkerSettings.Parse(settings.ToArguments()));
    }

    [Fact]
    public void Parse_MissingSetting_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => FleetWorkerSettings.Parse([FleetWorkerSettings.Verb, "--address", "http://127.0.0.1:1"]));

    [Fact]
    public void SensorId_IsPaddedSoThatIdsSortByIndex() => Assert.Equal("fleet-00042", FleetWorkerSettings.SensorId(42));
}
