using Ingest.LoadBenchmark.Fleet;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class FleetRunTests
{
    [Fact]
    public void CollectorArguments_GiveTheRegistrationBudgetRoomForTheWholeFleet()
    {
        var arguments = FleetRun.CollectorArguments(30_000, 9464, certificate: null, []);

        Assert.True(Setting(arguments, "--Collector:Registration:NewSensorBurstPerKey=") > 30_000);
        Assert.True(Setting(arguments, "--Collector:Registration:MaxSensorsPerKey=") > 30_000);
        Assert.Contains("--Collector:Metrics:PrometheusPort=9464", arguments);
    }

    [Fact]
    public void CollectorArguments_GiveTheOneKeyOfTheFleetAnUploadSlotForEverySensor()
    {
        var arguments = FleetRun.CollectorArguments(15_000, 9464, certificate: null, []);

        Assert.Equal(100, Setting(arguments, "--Collector:Ingestion:UploadSharePerKeyPercent="));
        Assert.True(Setting(arguments, "--Collector:Ingestion:MaxConcurrentUploads=") >= 15_000);
    }

    [Fact]
    public void CollectorArguments_TheUsersComeLastSoTheyWin()
    {
        string[] user = ["--Collector:Registration:MaxSensorsPerKey=10", "--Collector:Connections:MaxConnections=5000"];

        var arguments = FleetRun.CollectorArguments(300, 9464, certificate: null, user);

        Assert.Equal(user, arguments.TakeLast(2));
        Assert.True(arguments.FindIndex(a => a.StartsWith("--Collector:Registration:MaxSensorsPerKey=6", StringComparison.Ordinal)) < arguments.Count - 2);
    }

    private static long Setting(List<string> arguments, string prefix) =>
        long.Parse(Assert.Single(arguments, a => a.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
}
