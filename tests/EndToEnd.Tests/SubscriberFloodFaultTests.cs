using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.EndToEnd.Tests;

/// <summary>Subscribers that never read, and more of them than the collector takes, while sensors stream.</summary>
public sealed class SubscriberFloodFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 20;
    private const int MaxSubscribers = 30;
    private const int Surplus = 10;

    /// <summary>Readings each sensor stores while the subscribers stall: several of its batches.</summary>
    private const long ReadingsDuringFlood = 500;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StalledSubscribersAndOnesOverTheLimit_SurplusIsResourceExhaustedWhileIngestionAndALiveDashboardGoOn()
    {
        using var directory = new TempDirectory("subscriber-flood");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync("collector", $"--Collector:Aggregation:MaxSubscribers={MaxSubscribers}");
        await using var simulator = pipeline.StartSimulatorUntilStopped(Sensors);
        await using var dashboard = pipeline.StartDashboard("dashboard-json", "--json");
        await dashboard.WaitForLineAsync(IsSnapshotComplete, Deadline);
        await pipeline.EverySensorStoresMoreAsync(Sensors, 1, "every sensor has stored readings", Deadline);
        var residentBefore = collector.ResidentBytes();

        using var channel = CollectorChannel.Open(pipeline);
        var client = new Wire.Aggregates.AggregatesClient(channel);
        using var stop = new CancellationTokenSource();
        var stalled = new List<AsyncServerStreamingCall<Wire.AggregateUpdate>>();
        try
        {
            // The dashboard holds one place; stalled subscribers take every other one, asking for the most
            // frequent updates, and never read them.
            var eager = new Wire.SubscribeRequest { MinUpdateInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) };
            for (var i = 0; i < MaxSubscribers - 1; i++)
            {
                var call = client.Subscribe(eager, CollectorChannel.ViewerHeaders(), cancellationToken: stop.Token);
                stalled.Add(call);
                await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(30));
            }

            for (var i = 0; i < Surplus; i++)
            {
                using var call = client.Subscribe(eager, CollectorChannel.ViewerHeaders(), cancellationToken: stop.Token);
                var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(stop.Token));
                Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
            }

            // Ingestion goes on, the dashboard keeps up, and the simulator flushes and stops with the
            // subscribers stalled all along.
            var storedAtFlood = pipeline.Stored.TotalReadings();
            var dashboardLinesAtFlood = dashboard.Lines.Count;
            await pipeline.EverySensorStoresMoreAsync(Sensors, ReadingsDuringFlood, "every sensor stores more readings while the subscribers stall", Deadline);
            await Eventually.UntilAsync(() => dashboard.Lines.Skip(dashboardLinesAtFlood).Any(IsClosedWindow),
                "the dashboard prints fresh closed windows", Deadline, poll: TimeSpan.FromMilliseconds(100));
            Assert.Equal(0, await simulator.StopAsync(TimeSpan.FromSeconds(60)));
            Assert.False(dashboard.HasExited, "the dashboard gave up:\n" + dashboard.Output);

            var residentAfter = collector.ResidentBytes();
            output.WriteLine($"collector resident memory: {residentBefore / 1_048_576} MiB before the flood, {residentAfter / 1_048_576} MiB after {pipeline.Stored.TotalReadings() - storedAtFlood} more readings with {stalled.Count} stalled subscribers");
            Assert.True(residentAfter < 3 * residentBefore,
                $"the collector's memory grew from {residentBefore / 1_048_576} MiB to {residentAfter / 1_048_576} MiB with stalled subscribers");
        }
        finally
        {
            await stop.CancelAsync();
            stalled.ForEach(call => call.Dispose());
        }

        LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        directory.Keep = false;
    }

    private static bool IsSnapshotComplete(string line) => line.Contains("\"type\":\"snapshot_complete\"", StringComparison.Ordinal);

    private static bool IsClosedWindow(string line) =>
        line.Contains("\"type\":\"window\"", StringComparison.Ordinal) && line.Contains("\"closed\":true", StringComparison.Ordinal);
}
