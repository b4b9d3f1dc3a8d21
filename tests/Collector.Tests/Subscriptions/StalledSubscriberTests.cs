using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Subscriptions;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Subscriptions;

public sealed class StalledSubscriberTests(ITestOutputHelper output) : IDisposable
{
    private const int Sensors = 8;
    private const int CallsPerSensor = 5;
    private const int BatchesPerCall = 200;
    private const int ReadingsPerBatch = 100;
    private const int Rounds = 3;

    /// <summary>Enough sensors, with long enough names, that the snapshot alone overfills the test server's 64 KiB response buffer, so the stalled writer really blocks.</summary>
    private const int BystanderSensors = 800;

    private readonly CollectorFactory _collector = new CollectorFactory().With("Collector:ShutdownTimeout", "00:00:30");

    public void Dispose() => _collector.Dispose();

    /// <summary>
    /// Throughput is noisy here (fsync, other processes), so each condition runs several rounds, alternating,
    /// and the best of each is compared: what the upload can do alone and beside a stalled subscriber.
    /// </summary>
    [Fact]
    public async Task Upload_WithASubscriberThatNeverReads_KeepsAtLeastHalfItsThroughput_AndTheSubscriberHoldsAtMostOneUpdatePerSensor()
    {
        var hub = _collector.Services.GetRequiredService<SubscriptionHub>();
        var aggregator = _collector.Services.GetRequiredService<Aggregator>();
        await UploadBystandersAsync();
        await Eventually.UntilAsync(() => aggregator.SensorCount == BystanderSensors, "every bystander is in the live view");
        await MeasureAsync("warm-up");

        var alone = new List<double>();
        var beside = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            alone.Add(await MeasureAsync($"alone{round}"));

            using (var stalled = _collector.Aggregates.Subscribe(new Wire.SubscribeRequest { MinUpdateInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) }))
            {
                await Eventually.UntilAsync(() => hub.SubscriberCount == 1, "the stalled subscriber has joined");
                var subscriber = hub.Subscribers[0];
                beside.Add(await MeasureAsync($"stalled{round}"));

                var sensorsInView = aggregator.SensorCount;
                output.WriteLine($"round {round}: alone {alone[^1]:F0} readings/s, beside a stalled subscriber {beside[^1]:F0} readings/s; " +
                    $"the subscriber holds {subscriber.PendingCount} updates (at most {subscriber.MaxPendingCount}, {subscriber.Superseded} superseded, {subscriber.Taken} sent) for {sensorsInView} sensors");
                Assert.InRange(subscriber.MaxPendingCount, 1, sensorsInView);
                Assert.True(subscriber.Taken == 0, "the subscriber's writer should be stuck in its snapshot, which overfills the test server's response buffer");
            }

            await Eventually.UntilAsync(() => hub.SubscriberCount == 0, "the stalled subscriber has left");
        }

        var ratio = beside.Max() / alone.Max();
        output.WriteLine($"best: alone {alone.Max():F0} readings/s, beside a stalled subscriber {beside.Max():F0} readings/s; ratio {ratio:F2}");
        Assert.True(ratio >= 0.5, $"the upload ran at {ratio:P0} of its speed beside a stalled subscriber");
    }

    /// <summary>The test server does not wait for calls to end when it stops, so the test watches the call's handler leave the hub.</summary>
    [Fact]
    public async Task Stopping_WhileASubscriberIsStuckInAWrite_EndsItsCallLongBeforeTheShutdownTimeout()
    {
        var hub = _collector.Services.GetRequiredService<SubscriptionHub>();
        await UploadBystandersAsync();
        await Eventually.UntilAsync(() => _collector.Services.GetRequiredService<Aggregator>().SensorCount == BystanderSensors, "every bystander is in the live view");
        using var stalled = _collector.Aggregates.Subscribe(new Wire.SubscribeRequest());
        await Eventually.UntilAsync(() => hub.SubscriberCount == 1, "the stalled subscriber has joined");
        var stopwatch = Stopwatch.StartNew();

        _collector.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        await Eventually.UntilAsync(() => hub.SubscriberCount == 0, "the stalled subscriber's call has ended");
        output.WriteLine($"the stalled subscriber's call ended {stopwatch.Elapsed.TotalMilliseconds:F0} ms after the stop began; the shutdown timeout is 30 s");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    private async Task UploadBystandersAsync()
    {
        var ids = Enumerable.Range(0, BystanderSensors).Select(i => $"bystander-with-a-name-long-enough-to-fill-buffers-{i:D4}");
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
            await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds(id, 1, 2, count: 10)));
    }

    /// <summary>Uploads from several sensors at once, each in several calls of many batches; returns readings committed per second.</summary>
    private async Task<double> MeasureAsync(string run)
    {
        var stopwatch = Stopwatch.StartNew();
        var committed = await Task.WhenAll(Enumerable.Range(0, Sensors).Select(async sensor =>
        {
            ulong readings = 0;
            for (var call = 0; call < CallsPerSensor; call++)
            {
                var first = (call * BatchesPerCall) + 1;
                var batches = Enumerable.Range(first, BatchesPerCall).Select(sequence => Batch($"{run}-{sensor}", sequence));
                readings += (await _collector.Ingestion.UploadAsync(batches)).ReadingsCommitted;
            }

            return readings;
        }));
        var elapsed = stopwatch.Elapsed;
        Assert.All(committed, readings => Assert.Equal((ulong)(CallsPerSensor * BatchesPerCall * ReadingsPerBatch), readings));
        return committed.Sum(r => (double)r) / elapsed.TotalSeconds;
    }

    /// <summary>Batch n holds readings 1 ms apart from n / 10 seconds after the aligned start.</summary>
    private static Wire.ReadingBatch Batch(string sensorId, int sequence) =>
        ReadingBatches.Create(sensorId, (ulong)sequence, ReadingBatches.EpochMicros + (sequence * 100_000L), ReadingsPerBatch, i => i, intervalMicros: 1_000);
}
