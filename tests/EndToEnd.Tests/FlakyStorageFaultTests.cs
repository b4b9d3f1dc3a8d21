using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Storage fails a share of commits at random and slows half of them (Collector:Chaos Commit FaultRate 0.3,
/// LatencyRate 0.5), so batches of a stream queue behind one that fails: none of them may be committed past the
/// failed one, and no acknowledgement is given without a commit.
/// </summary>
public sealed class FlakyStorageFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;

    [Fact]
    public async Task ThirtyPercentOfCommitsFailAndHalfAreSlow_SensorsResend_AndEveryAcknowledgedReadingIsStoredOnceWithoutAGap()
    {
        using var directory = new TempDirectory("storage-flaky");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync(
            "collector",
            "--Collector:Chaos:Enabled=true",
            "--Collector:Chaos:Commit:FaultRate=0.3",
            "--Collector:Chaos:Commit:LatencyRate=0.5",
            "--Collector:Chaos:Commit:Latency=00:00:00.300");

        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(15), "--Simulator:ShutdownTimeout=00:00:30");
        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        collector.Terminate();
        Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        var failed = collector.Lines.Count(line => line.Contains("Chaos injected (commit_fault)", StringComparison.Ordinal));
        output.WriteLine($"commits failed: {failed}; {CollectorStatus.Last(collector)}; {LedgerFigures.Of(ledger, pipeline.Stored)}");
        Assert.True(failed > 0, "no commit failed");
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the failed commits were not felt");
        directory.Keep = false;
    }
}
