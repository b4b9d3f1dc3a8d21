using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Settings;

namespace Ingest.SensorSimulator.Tests.Model;

public sealed class SensorIdentityTests
{
    [Fact]
    public void Create_AssignsKindsRoundRobinAndStableIds()
    {
        var options = new SimulatorOptions();

        var ids = Enumerable.Range(1, 6).Select(i => SensorIdentity.Create(options, i).SensorId);

        Assert.Equal(
            ["sim-temperature-0001", "sim-humidity-0002", "sim-pressure-0003", "sim-vibration-0004", "sim-temperature-0005", "sim-humidity-0006"],
            ids);
    }

    [Fact]
    public void Create_UsesConfiguredPrefixAndKinds()
    {
        var options = new SimulatorOptions { IdPrefix = "lab", Kinds = ["co2"] };

        var identity = SensorIdentity.Create(options, 12_345);

        Assert.Equal(new SensorIdentity(12_345, "lab-co2-12345", "co2"), identity);
    }
}
