using Grpc.Health.V1;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Every storage commit fails for a while (Collector:Chaos Commit FaultRate set to 1, then back to 0, live, in the
/// settings file the collector reads): nothing is acknowledged without a commit, health reports NOT_SERVING while
/// storage fails and SERVING after, and the sensors recover by themselves.
/// </summary>
public sealed class FailingStorageFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;
    private const string FaultRate = "Collector:Chaos:Commit:FaultRate";
    private static readonly TimeSpan Reload = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EveryCommitFailsForAWhile_HealthIsNotServingAndNothingIsStored_ThenSensorsRecover_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        using var directory = new TempDirectory("storage-failing");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        var settings = SharedSettingsFile.CopyTo(directory);
        settings.Set("Collector:Chaos:Enabled", true);
        settings.Set(FaultRate, 0.0);
        await using var collector = await pipeline.StartCollectorAsync("collector", settings.Environment);
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(30), "--Simulator:ShutdownTimeout=00:00:30");
        await Eventually.UntilAsync(() => pipeline.Stored.TotalReadings() >= 1_000, "1,000 readings are stored", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(100));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await CollectorHealth.CheckAsync(pipeline));

        settings.Set(FaultRate, 1.0);
        await Eventually.UntilAsync(async () => await CollectorHealth.CheckAsync(pipeline) == HealthCheckResponse.Types.ServingStatus.NotServing,
            "health reports NOT_SERVING", Reload, poll: TimeSpan.FromMilliseconds(200));

        // Once a commit has failed, none succeeds: after three more failed transactions (commits or probes), nothing more is stored.
        var storedWhileFailing = pipeline.Stored.TotalReadings();
        var failuresSoFar = Failures(collector);
        await Eventually.UntilAsync(() => Failures(collector) >= failuresSoFar + 3, "three more storage transactions fail", Reload, poll: TimeSpan.FromMilliseconds(100));
        Assert.Equal(storedWhileFailing, pipeline.Stored.TotalReadings());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await CollectorHealth.CheckAsync(pipeline));
        Assert.False(simulator.HasExited, "the simulator finished while storage was failing; lengthen its run");

        settings.Set(FaultRate, 0.0);
        await Eventually.UntilAsync(async () => await CollectorHealth.CheckAsync(pipeline) == HealthCheckResponse.Types.ServingStatus.Serving,
            "health reports SERVING again", Reload, poll: TimeSpan.FromMilliseconds(200));
        await Eventually.UntilAsync(() => pipeline.Stored.TotalReadings() > storedWhileFailing + 1_000, "the sensors store again", Reload, poll: TimeSpan.FromMilliseconds(100));

        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        collector.Terminate();
        Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        output.WriteLine($"failed storage transactions: {Failures(collector)}; {LedgerFigures.Of(ledger, pipeline.Stored)}");
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the storage failure was not felt");
        directory.Keep = false;
    }

    /// <summary>
    /// Storage transactions failed by chaos so far: commits, and the write probes of the collector's recovery. The collector
    /// logs one line per outage, not per failed commit, so the injections are what count them.
    /// </summary>
    private static int Failures(ManagedProcess collector) =>
        collector.Lines.Count(line => line.Contains("Chaos injected (commit_fault)", StringComparison.Ordinal));
}
