using System.Diagnostics;
using Ingest.EndToEnd.Tests.Infrastructure;
using Ingest.FaultProxy;
using Ingest.SensorSimulator.Reporting;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

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
    public async Task BandwidthCapBelowTheDataRate_StorageSlowsToTheCapAndRecoversWhenItLifts_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        var window = TimeSpan.FromSeconds(8);
        await RunThroughProxyAsync("net-cap", async (proxy, pipeline) =>
        {
            // The uncapped rate, and the upstream bytes one stored reading costs, from the proxy's own counters.
            var uncapped = await MeasureAsync(proxy, pipeline, window);
            var bytesPerReading = (double)uncapped.UpstreamBytes / uncapped.Readings;
            var cap = (long)(uncapped.UpstreamBytes / window.TotalSeconds / 10);
            output.WriteLine($"uncapped: {uncapped.Readings} readings, {uncapped.UpstreamBytes} bytes in {window}; {bytesPerReading:0.0} bytes a reading; cap {cap} bytes/s");

            // What the cap lets through in the window, with room for a batch per sensor already past the proxy when
            // the cap began and half as much again for the control traffic that shares the link.
            const int batchReadings = 100;
            var allowed = (long)(1.5 * cap * window.TotalSeconds / bytesPerReading) + (Sensors * batchReadings);
            Assert.True(uncapped.Readings > 2 * allowed, $"the uncapped run stored {uncapped.Readings} readings in {window}, too few to tell the cap's {allowed}");

            proxy.BandwidthBytesPerSecond = cap;
            var capped = await MeasureAsync(proxy, pipeline, window);
            output.WriteLine($"capped: {capped.Readings} readings, {capped.UpstreamBytes} bytes in {window}");
            Assert.True(capped.Readings <= allowed, $"{capped.Readings} readings were stored in {window} under a cap of {cap} bytes/s, which allows about {allowed}");

            proxy.ClearFaults();
            await pipeline.EverySensorStoresMoreAsync(Sensors, RecoveryReadings, "every sensor stores again once the cap lifts", RecoveryDeadline);
        });
    }

    [Fact]
    public async Task Latency_CallsThroughTheProxyTakeAtLeastTheRoundTrip_AndEveryAcknowledgedReadingIsStoredOnce()
    {
        var latency = TimeSpan.FromMilliseconds(100);
        await RunThroughProxyAsync("net-latency", async (proxy, pipeline) =>
        {
            proxy.Latency = latency;

            // A greeting goes up and its reply comes down: each way waits the latency at least once.
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{proxy.Port}");
            var greeter = new Wire.Greeter.GreeterClient(channel);
            var request = new Wire.GreetRequest { SensorId = "latency-probe", Kind = "probe", ProtocolVersion = Ingest.Protocol.WireProtocol.Version };
            var took = Stopwatch.StartNew();
            await greeter.GreetAsync(request, CollectorChannel.ViewerHeaders(), deadline: DateTime.UtcNow.AddSeconds(60));
            took.Stop();
            output.WriteLine($"a greeting through {latency} of latency took {took.Elapsed}");
            Assert.True(took.Elapsed >= 2 * latency, $"a greeting took {took.Elapsed} through a proxy that delays each way by {latency}");

            // The sensors keep storing with the latency, and after it.
            await pipeline.EverySensorStoresMoreAsync(Sensors, RecoveryReadings, "every sensor stores with the latency", RecoveryDeadline);
            proxy.ClearFaults();
            await pipeline.EverySensorStoresMoreAsync(Sensors, RecoveryReadings, "every sensor stores once the latency is gone", RecoveryDeadline);
        });
    }

    /// <summary>Readings stored and upstream bytes forwarded by the proxy over <paramref name="window"/> from now.</summary>
    private static async Task<(long Readings, long UpstreamBytes)> MeasureAsync(TcpFaultProxy proxy, Pipeline pipeline, TimeSpan window)
    {
        var readings = pipeline.Stored.TotalReadings();
        var bytes = proxy.Counters.UpstreamBytes;
        await Task.Delay(window);
        return (pipeline.Stored.TotalReadings() - readings, proxy.Counters.UpstreamBytes - bytes);
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
