using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Ingest.Collector.Subscriptions;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Subscriptions;

public sealed class SubscribeRejectedSensorTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    private SubscriptionHub Hub => _collector.Services.GetRequiredService<SubscriptionHub>();

    [Fact]
    public async Task Subscribe_SensorWhoseClockIsTenMinutesFast_IsInTheSnapshotWithItsRejectedCountAndReason()
    {
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("skewed", "thermometer"));
        var ack = await _collector.Ingestion.UploadAsync(Skewed("skewed", 1, 3));
        Assert.Equal((0UL, 3), (ack.BatchesCommitted, ack.Rejected.Count));
        await Eventually.UntilAsync(() => Hub.Find(0, "skewed")?.RejectedBatches == 3, "the rejections reach the live view");

        using var call = _collector.Aggregates.Subscribe(new Wire.SubscribeRequest());
        var (_, windows, count) = await call.ResponseStream.SnapshotAsync();

        var window = Assert.Single(windows);
        Assert.Equal(1U, count);
        Assert.Equal(("skewed", "thermometer", 0UL, 3UL, false, Wire.SensorLiveness.Live),
            (window.SensorId, window.Kind, window.Count, window.RejectedBatches, window.Closed, window.Liveness));
        Assert.Null(window.WindowStart);
        Assert.Contains("ahead of the collector's clock", window.LastRejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_ThousandRejectedBatches_ArriveAsAtMostOneUpdatePerIntervalEndingWithTheirCount()
    {
        var interval = TimeSpan.FromMilliseconds(500);
        using var call = _collector.Aggregates.Subscribe(new Wire.SubscribeRequest { MinUpdateInterval = Duration.FromTimeSpan(interval) });
        await call.ResponseStream.SnapshotAsync();
        var stopwatch = Stopwatch.StartNew();

        // Two streams: one stream may carry at most 1,000 rejected batches.
        await _collector.Ingestion.UploadAsync(NotANumber("hostile", 1, 500));
        await _collector.Ingestion.UploadAsync(NotANumber("hostile", 501, 1000));

        var updates = 0;
        Wire.SensorWindow window;
        do
        {
            window = (await call.ResponseStream.NextMatchingAsync(update => update.Window?.SensorId == "hostile")).Window;
            updates++;
        }
        while (window.RejectedBatches < 1000);

        var intervals = (int)(stopwatch.Elapsed / interval) + 1;
        Assert.InRange(updates, 1, intervals);
        Assert.Equal(1000UL, window.RejectedBatches);
        Assert.Contains("values must be finite numbers", window.LastRejection, StringComparison.Ordinal);
    }

    /// <summary>Batches whose readings are ten minutes ahead of the collector's clock.</summary>
    private static IEnumerable<Wire.ReadingBatch> Skewed(string sensorId, ulong first, ulong last)
    {
        var ahead = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeMilliseconds() * 1000;
        foreach (var batch in ReadingBatches.Sequences(sensorId, first, last, count: 10))
        {
            batch.Readings.BaseTimeUnixMicros = ahead + ((long)batch.Sequence * 1_000_000);
            yield return batch;
        }
    }

    private static IEnumerable<Wire.ReadingBatch> NotANumber(string sensorId, ulong first, ulong last)
    {
        foreach (var batch in ReadingBatches.Sequences(sensorId, first, last, count: 10))
        {
            batch.Readings.Values[3] = double.NaN;
            yield return batch;
        }
    }
}
