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

    /// <summary>What process exit and the test's own polling may add to the collector's drain.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CollectorTerminatedUnderLoad_DrainsInTimeTellsStreamsUnavailableAndLosesNothing()
    {
        using var directory = new TempDirectory("sigterm");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        var shutdownTimeout = $"--Collector:ShutdownTimeout={ShutdownTimeout:c}";
        await using var first = await pipeline.StartCollectorAsync("collector-1", shutdownTimeout);
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(30), "--Simulator:ShutdownTimeout=00:01:00");
        await Eventually.UntilAsync(() => pipeline.Stored.TotalReadings() >= 10_000, "10,000 readings are stored", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));

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

        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await subscription.ResponseStream.MoveNext(stop.Token))
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Contains("shutting down", ended.Status.Detail, StringComparison.Ordinal);

        await using var second = await pipeline.StartCollectorAsync("collector-2", shutdownTimeout);
        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(ShutdownTimeout + Margin));

        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        output.WriteLine(LedgerFigures.Of(ledger, pipeline.Stored).ToString());
        Assert.True(ledger.Totals.Retries > 0, "no sensor had to retry, so the shutdown was not felt");
        directory.Keep = false;
    }
}
