using System.Globalization;
using System.Text.RegularExpressions;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The sensors' own greetings, uploads and control streams fail and are slowed (Simulator:Chaos, Polly chaos
/// strategies inside their retry pipelines): the retries ride the faults out and the ledger holds.
/// </summary>
public sealed partial class SensorChaosFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;

    [Fact]
    public async Task GreetUploadAndConnectFailAndAreSlowed_SensorsRetry_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        using var directory = new TempDirectory("sensor-chaos");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();

        List<string> chaos = ["--Simulator:Chaos:Enabled=true"];
        foreach (var call in new[] { "Greet", "Upload", "Connect" })
        {
            chaos.Add($"--Simulator:Chaos:{call}:FaultRate=0.2");
            chaos.Add($"--Simulator:Chaos:{call}:LatencyRate=0.2");
            chaos.Add($"--Simulator:Chaos:{call}:Latency=00:00:00.200");
        }

        // Upload streams of 1 s instead of 5 s: more attempts for the chaos to fail.
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(15), [.. chaos, "--Simulator:UploadWindowDuration=00:00:01"]);
        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        collector.Terminate();
        Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        var report = simulator.Lines.Select(line => InjectedFaults().Match(line)).LastOrDefault(match => match.Success);
        Assert.True(report is not null, "the simulator's report has no chaos line:\n" + simulator.Output);
        var injected = long.Parse(report.Groups[1].Value, CultureInfo.InvariantCulture);
        output.WriteLine($"faults injected: {injected}; {LedgerFigures.Of(ledger, pipeline.Stored)}");
        Assert.True(injected > 0, "the simulator injected no fault");
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the injected faults were not felt");
        directory.Keep = false;
    }

    [GeneratedRegex(@"^\s*chaos: injected faults=(\d+)$")]
    private static partial Regex InjectedFaults();
}
