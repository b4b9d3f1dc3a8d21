using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Storage fails a share of commits at random and slows half of them (Collector:Chaos Commit FaultRate 0.2,
/// LatencyRate 0.5), so batches of a stream queue behind one that fails: none of them may be committed past the
/// failed one, and no acknowledgement is given without a commit.
/// </summary>
public sealed class FlakyStorageFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;

    [Fact]
    public async Task TwentyPercentOfCommitsFailAndHalfAreSlow_SensorsResend_AndEveryAcknowledgedReadingIsStoredOnceWithoutAGap()
    {
        using var directory = new TempDirectory("storage-flaky");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync(
            "collector",
            "--Collector:Chaos:Enabled=true",
            "--Collector:Chaos:Commit:FaultRate=0.2",
            "--Collector:Chaos:Commit:LatencyRate=0.5",
            "--Collector:Chaos:Commit:Latency=00:00:00.300");

        // A greeting is a storage transaction too (it records the sensor's session), so it fails as often as a commit: a sensor
        // needs a greeting and a commit to succeed in one attempt, and backs off between attempts (up to ~10 s). At 30 % a
        // sensor left alone with its last batches missed a 30 s flush, and then a 60 s one, in 2 of 5 runs.
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(15), "--Simulator:ShutdownTimeout=00:01:00");
        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(120)));
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
