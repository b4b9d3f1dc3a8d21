using System.Diagnostics;
using Ingest.EndToEnd.Tests.Infrastructure;
using Ingest.FaultProxy;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The simulator's sensors reach the collector only through a TCP fault proxy that resets, cuts, stalls, delays and
/// throttles their connections while they stream; the sensors recover by themselves and the ledger holds.
/// </summary>
public sealed class NetworkFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;

    /// <summary>Readings each sensor stores after a fault for the fleet to count as recovered: a few of its batches.</summary>
    private const long RecoveryReadings = 300;

    private static readonly TimeSpan FaultDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ConnectionsResetUnderLoad_SensorsRecover_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        const int resets = 3;
        var summary = await RunThroughProxyAsync("net-reset", async (proxy, pipeline) =>
        {
            for (var i = 0; i < resets; i++)
            {
                await Eventually.UntilAsync(() => proxy.ResetAll() > 0, "an open connection is reset", FaultDeadline, poll: TimeSpan.FromMilliseconds(50));
                await pipeline.EverySensorStoresMoreAsync(Sensors, RecoveryReadings, "every sensor stores again after the reset", RecoveryDeadline);
            }

            Assert.True(proxy.Counters.Resets >= resets);
        });

        Assert.True(summary.Retries > 0, "no sensor had to retry, so the resets were not felt");
    }

    [Fact]
    public async Task EveryConnectionCutAfter64KiBForAWhile_SensorsRecover_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        const int cuts = 3;
        var summary = await RunThroughProxyAsync("net-cut", async (proxy, pipeline) =>
        {
            proxy.CutAfter(64 * 1024, CutScope.Total);
            await Eventually.UntilAsync(() => proxy.Counters.Cuts >= cuts, $"{cuts} connections are cut", FaultDeadline, poll: TimeSpan.FromMilliseconds(50));
            proxy.ClearCut();
            await pipeline.EverySensorStoresMoreAsync(Sensors, RecoveryReadings, "every sensor stores again once the cuts stop", RecoveryDeadline);
        });

        Assert.True(summary.Retries > 0, "no sensor had to retry, so the cuts were not felt");
    }

    [Fact]
    public async Task LinkStalledLongerThanThePingTimeout_SensorsDropTheStalledConnectionAndRecoverAfterUnstall_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        // Short pings, so that the stalled connection is given up within the test; the defaults take 20 s + 10 s.
        var pingDelay = TimeSpan.FromSeconds(2);
        var pingTimeout = TimeSpan.FromSeconds(2);
        var summary = await RunThroughProxyAsync("net-stall", async (proxy, pipeline) =>
        {
            var acceptedAtStall = proxy.Counters.ConnectionsAccepted;
            var stalled = Stopwatch.StartNew();
            proxy.Stall();

            // Nothing answers the pings: the sensors drop the stalled connection and dial a new one (stalled as well).
            await Eventually.UntilAsync(() => proxy.Counters.ConnectionsAccepted > acceptedAtStall, "the sensors give up the stalled connection and reconnect", FaultDeadline, poll: TimeSpan.FromMilliseconds(50));
            output.WriteLine($"the sensors reconnected {stalled.Elapsed} into the stall");
            Assert.True(stalled.Elapsed >= pingTimeout, $"the sensors reconnected after {stalled.Elapsed}, before a ping could time out");

            var atUnstall = pipeline.Stored.ReadingsBySensor();
            proxy.Unstall();
            await Eventually.UntilAsync(
                () => pipeline.Stored.EverySensorStoredMore(atUnstall, Sensors, RecoveryReadings),
                "every sensor stores again after the unstall", RecoveryDeadline, poll: TimeSpan.FromMilliseconds(100));
        }, $"--Simulator:KeepAlive:PingDelay={pingDelay:c}", $"--Simulator:KeepAlive:PingTimeout={pingTimeout:c}");

        Assert.True(summary.Retries > 0, "no sensor had to retry, so the stall was not felt");
    }

    [Fact]
    public async Task LatencyAndBandwidthCap_EverythingIsStillAcknowledgedAndStoredOnce()
    {
        const long capBytesPerSecond = 16 * 1024;
        var watch = Stopwatch.StartNew();
        TcpFaultProxy? used = null;
        await RunThroughProxyAsync("net-slow", (proxy, pipeline) =>
        {
            used = proxy;
            proxy.Latency = TimeSpan.FromMilliseconds(50);
            proxy.BandwidthBytesPerSecond = capBytesPerSecond;
            return Task.CompletedTask;
        });

        // The cap held: no direction moved more than the cap allows in the time the run took.
        var most = Math.Max(used!.Counters.UpstreamBytes, used.Counters.DownstreamBytes);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds((double)most / capBytesPerSecond), $"{most} bytes went through in {watch.Elapsed}");
    }

    private async Task<LedgerTotals> RunThroughProxyAsync(string name, Func<TcpFaultProxy, Pipeline, Task> injectFaults, params string[] simulatorArguments)
    {
        using var directory = new TempDirectory(name);
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();
        await using var proxy = TcpFaultProxy.Start("127.0.0.1", pipeline.Port);

        // A later --Simulator:CollectorAddress overrides the pipeline's: the sensors reach the collector through the proxy.
        // The simulator samples until the faults are done and recovery is seen, however long that takes, then SIGTERM
        // makes it flush and write its ledger.
        await using var simulator = pipeline.StartSimulatorUntilStopped(
            Sensors, [$"--Simulator:CollectorAddress=http://127.0.0.1:{proxy.Port}", .. simulatorArguments]);
        await pipeline.EverySensorStoresMoreAsync(Sensors, RecoveryReadings, "every sensor stores readings", RecoveryDeadline);
        Assert.True(proxy.Counters.ConnectionsAccepted > 0, "the simulator did not connect through the proxy");

        await injectFaults(proxy, pipeline);

        Assert.Equal(0, await simulator.StopAsync(TimeSpan.FromSeconds(60)));
        collector.Terminate();
        Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        output.WriteLine($"proxy: {proxy.Counters}");

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        output.WriteLine($"ledger: {ledger.Totals}");
        directory.Keep = false;
        return ledger.Totals;
    }
}
