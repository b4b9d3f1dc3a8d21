using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>Keys with the real programs: a key the collector does not know, or one without the role, gets nowhere and says so.</summary>
public sealed class KeyRefusalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SimulatorWithAnUnknownKey_StoresNothing_SaysTheKeyWasRefused_AndExitsWith2()
    {
        using var directory = new TempDirectory("key-wrong");
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();

        await using var simulator = pipeline.StartSimulator(2, TimeSpan.FromSeconds(5), "--Simulator:ApiKey=wrong");
        var exitCode = await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"exit code {exitCode}:\n{simulator.Output}");

        // Every sensor refused: nothing can be done, so the simulator stops with 2 instead of idling.
        Assert.Equal(2, exitCode);

        Assert.Contains(simulator.Lines, line => line.Contains("2 of 2 sensors stopped uploading because the collector refused the key", StringComparison.Ordinal)
            && line.Contains("Simulator:ApiKey", StringComparison.Ordinal));
        Assert.Contains(simulator.Lines, line => line.Contains("key refused sensors=2", StringComparison.Ordinal));
        var summary = SummaryLine.Parse(simulator.Lines.Last(line => line.Length > 0));
        Assert.Equal(0, summary.Acked);
        Assert.Equal(0, pipeline.Stored.TotalReadings());
    }

    [Fact]
    public async Task ConfigSetWithTheViewerKey_ExitsWithKeyRefused_AndSaysWhichSettingToChange()
    {
        using var directory = new TempDirectory("key-viewer-config");
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();

        await using var set = pipeline.StartDashboard("config-set", "config", "set", "--all", "BatchSize=200", "--key", "demo-viewer-key");
        Assert.Equal(4, await set.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        output.WriteLine(set.Output);
        Assert.Contains(set.Lines, line => line.Contains("refused the key", StringComparison.Ordinal)
            && line.Contains("PermissionDenied", StringComparison.Ordinal)
            && line.Contains("Dashboard:AdminKey", StringComparison.Ordinal));
    }
}
