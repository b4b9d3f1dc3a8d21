using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Every storage commit is slowed (Collector:Chaos Commit LatencyRate=1) until storage takes fewer batches than
/// the sensors send: backpressure reaches the sensors, the collector's memory stays bounded, nothing hangs.
/// </summary>
public sealed class SlowStorageFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 20;

    [Fact]
    public async Task EveryCommitSlowerThanTheSensorsSend_BackpressureHoldsMemoryBoundedAndTheSimulatorDrains_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        using var directory = new TempDirectory("storage-slow");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);

        // 4 batches a commit, each commit 250 ms: storage takes 16 batches/s, the sensors send 20 (1 s batches of 100).
        await using var collector = await pipeline.StartCollectorAsync(
            "collector",
            "--Collector:Chaos:Enabled=true",
            "--Collector:Chaos:Commit:LatencyRate=1",
            "--Collector:Chaos:Commit:Latency=00:00:00.250",
            "--Collector:Storage:MaxBatchesPerCommit=4");
        var idle = collector.ResidentBytes();

        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(15), "--Simulator:ShutdownTimeout=00:00:30");
        var peak = idle;
        await Eventually.UntilAsync(() =>
        {
            if (!simulator.HasExited)
            {
                peak = Math.Max(peak, collector.ResidentBytes());
            }

            return simulator.HasExited;
        }, "the simulator finishes and drains", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(250));
        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(5)));
        collector.Terminate();
        Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        var slowed = collector.Lines.Count(line => line.Contains("Chaos injected (commit_latency)", StringComparison.Ordinal));
        output.WriteLine($"collector memory: {idle / 1_048_576} MiB idle, {peak / 1_048_576} MiB at most; commits slowed: {slowed}; {CollectorStatus.Last(collector)}; {LedgerFigures.Of(ledger, pipeline.Stored)}");
        Assert.True(slowed > 0, "no commit was slowed");
        Assert.True(peak < 4 * idle, $"the collector grew from {idle} to {peak} bytes while storage was slow");
        directory.Keep = false;
    }
}
