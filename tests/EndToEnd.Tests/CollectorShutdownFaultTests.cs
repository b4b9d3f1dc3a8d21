using Grpc.Core;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.EndToEnd.Tests;

/// <summary>The collector is stopped with SIGTERM, as systemd stops it, while sensors stream and a dashboard watches.</summary>
public sealed class CollectorShutdownFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 20;

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What process exit and a loaded machine may add to the collector's drain; the drain itself is judged by the
    /// collector's own log lines, not by this wall-clock bound.
    /// </summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    /// <summary>Readings each sensor stores through the restarted collector for the fleet to count as recovered.</summary>
    private const long RecoveryReadings = 300;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CollectorTerminatedUnderLoad_DrainsInTimeTellsStreamsUnavailableAndLosesNothing()
    {
        using var directory = new TempDirectory("sigterm");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        var shutdownTimeout = $"--Collector:ShutdownTimeout={ShutdownTimeout:c}";
        await using var first = await pipeline.StartCollectorAsync("collector-1", shutdownTimeout);
        await using var simulator = pipeline.StartSimulatorUntilStopped(Sensors, "--Simulator:ShutdownTimeout=00:01:00");
        await pipeline.EverySensorStoresMoreAsync(Sensors, RecoveryReadings, "every sensor stores readings", Deadline);

        using var channel = CollectorChannel.Open(pipeline);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var subscription = new Wire.Aggregates.AggregatesClient(channel).Subscribe(new Wire.SubscribeRequest(), CollectorChannel.ViewerHeaders(), cancellationToken: stop.Token);
        Assert.True(await subscription.ResponseStream.MoveNext(stop.Token), "the subscription ended before its snapshot");

        var time = TimeProvider.System;
        var terminatedAt = time.GetTimestamp();
        first.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(ShutdownTimeout + Margin));
        var drained = time.GetElapsedTime(terminatedAt);
        var storedAtExit = pipeline.Stored.TotalReadings();
        output.WriteLine($"SIGTERM to exit: {drained.TotalSeconds:0.00} s; {storedAtExit} readings stored");
        Assert.True(drained < ShutdownTimeout + Margin, $"the collector took {drained} to stop");

        // The commit pipeline drained within the shutdown timeout: the collector says so, and did not give up on it.
        Assert.Contains(first.Lines, line => line.Contains("Commit pipeline drained", StringComparison.Ordinal));
        Assert.DoesNotContain(first.Lines, line => line.Contains("Shutdown timeout reached", StringComparison.Ordinal));

        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await subscription.ResponseStream.MoveNext(stop.Token))
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Contains("shutting down", ended.Status.Detail, StringComparison.Ordinal);

        await using var second = await pipeline.StartCollectorAsync("collector-2", shutdownTimeout);
        await pipeline.EverySensorStoresMoreAsync(Sensors, RecoveryReadings, "every sensor stores through the restarted collector", Deadline);
        Assert.Equal(0, await simulator.StopAsync(TimeSpan.FromSeconds(90)));
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(ShutdownTimeout + Margin));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        output.WriteLine(LedgerFigures.Of(ledger, pipeline.Stored).ToString());
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the shutdown was not felt");
        directory.Keep = false;
    }
}
