using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Model;
using Ingest.Collector.Subscriptions;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Subscriptions;

public sealed class SubscribeTests : IDisposable
{
    private static readonly Wire.SubscribeRequest Everything = new() { MinUpdateInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) };

    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Aggregation:MaxSubscribers", "2")
        .With("Collector:Ingestion:RetryAfter", "00:00:00.250")
        .With("Collector:ShutdownTimeout", "00:00:30");

    public void Dispose() => _collector.Dispose();

    private SubscriptionHub Hub => _collector.Services.GetRequiredService<SubscriptionHub>();

    [Fact]
    public async Task Subscribe_StartsWithStatisticsThenEachSensorsLatestClosedWindowThenSnapshotComplete_ThenSendsWindowsAsTheyClose()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds("sub-a", 1, 3));
        await UntilShownAsync("sub-a", second: 1);

        using var call = _collector.Aggregates.Subscribe(Everything);
        var (statistics, windows, count) = await call.ResponseStream.SnapshotAsync();

        // The statistics are those of the aggregator's latest tick, counting this subscriber.
        var identity = _collector.Services.GetRequiredService<CollectorIdentity>();
        Assert.Equal((identity.InstanceId, identity.Version, 1U), (statistics.CollectorInstanceId, statistics.CollectorVersion, statistics.Subscribers));
        Assert.InRange(statistics.ReadingsCommitted, 0UL, 300UL);

        // The operator's figures: the window in effect for this subscription (the default), storage serving, the process.
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(1)), statistics.Window);
        Assert.Equal(Wire.StorageHealth.Serving, statistics.StorageHealth);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(10)), statistics.CommitLatencySpan);
        Assert.True(statistics.WorkingSetBytes > 0);
        var window = Assert.Single(windows);
        Assert.Equal(1U, count);
        Assert.Equal(("sub-a", 100UL, 0.0, 99.0, 49.5, 99.0, 100.0, true, Wire.SensorLiveness.Live),
            (window.SensorId, window.Count, window.Min, window.Max, window.Mean, window.Last, window.ReadingsPerSecond, window.Closed, window.Liveness));
        Assert.Equal(Timestamp.FromDateTimeOffset(ReadingBatches.Epoch.AddSeconds(1)), window.WindowStart);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(1)), window.Window);

        await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds("sub-a", 4, 4));

        var closed = await call.ResponseStream.NextMatchingAsync(u => u.Window?.SensorId == "sub-a");
        Assert.Equal(Timestamp.FromDateTimeOffset(ReadingBatches.Epoch.AddSeconds(2)), closed.Window.WindowStart);
        Assert.Equal(100UL, closed.Window.Count);
        var totals = await call.ResponseStream.NextMatchingAsync(u => u.Statistics?.ReadingsCommitted == 400);
        Assert.True(totals.Statistics.ReadingsPerSecond > 0);
    }

    [Fact]
    public async Task Subscribe_SensorWithNoClosedWindowYet_IsInTheSnapshotWithItsOpenWindow()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds("sub-open", 1, 3));
        await UntilShownAsync("sub-open", second: 1);

        using var call = _collector.Aggregates.Subscribe(new Wire.SubscribeRequest { Window = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)) });
        var (_, windows, _) = await call.ResponseStream.SnapshotAsync();

        var window = Assert.Single(windows);
        Assert.Equal((false, 300UL, 5.0), (window.Closed, window.Count, window.ReadingsPerSecond));
        Assert.Equal(Timestamp.FromDateTimeOffset(ReadingBatches.Epoch), window.WindowStart);
    }

    [Fact]
    public async Task Subscribe_FilteredBySensorPatternAndKind_GetsOnlyThoseSensorsInSnapshotAndChanges()
    {
        foreach (var (sensor, kind) in new[] { ("flt-t1", "temperature"), ("flt-t2", "temperature"), ("flt-h1", "humidity"), ("other-t1", "temperature") })
        {
            await _collector.Greeter.GreetAsync(IngestionCalls.Greeting(sensor, kind));
            await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds(sensor, 1, 2));
            await UntilShownAsync(sensor, second: 0);
        }

        using var call = _collector.Aggregates.Subscribe(new Wire.SubscribeRequest
        {
            SensorIds = { "flt-*" },
            Kinds = { "temperature" },
            MinUpdateInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)),
        });
        var (_, windows, count) = await call.ResponseStream.SnapshotAsync();
        Assert.Equal(["flt-t1", "flt-t2"], windows.Select(w => w.SensorId));
        Assert.Equal(2U, count);
        Assert.All(windows, w => Assert.Equal("temperature", w.Kind));

        foreach (var sensor in new[] { "other-t1", "flt-h1", "flt-t2" })
        {
            await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds(sensor, 3, 3));
        }

        var change = await call.ResponseStream.NextMatchingAsync(u => u.KindCase == Wire.AggregateUpdate.KindOneofCase.Window);
        Assert.Equal("flt-t2", change.Window.SensorId);
    }

    [Fact]
    public async Task Subscribe_DuplicateAndRejectedBatches_LeaveTheAggregatesUntouched()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds("sub-dup", 1, 2));
        var resend = ReadingBatches.Seconds("sub-dup", 1, 2).ToList();
        var rejected = ReadingBatches.Second("sub-dup", 3, second: 0);
        rejected.Readings.Values[5] = double.NaN;
        var ack = await _collector.Ingestion.UploadAsync([.. resend, rejected, ReadingBatches.Second("sub-dup", 4, second: 2)]);
        Assert.Equal((2UL, 1, 1UL), (ack.DuplicateBatches, ack.Rejected.Count, ack.BatchesCommitted));

        await UntilShownAsync("sub-dup", second: 1);

        Assert.Equal(100, Hub.Find(0, "sub-dup")!.Count);
        Assert.Equal(300, Hub.Find(2, "sub-dup")!.Count);
    }

    [Fact]
    public async Task Subscribe_NothingChanging_SendsHeartbeatsAtTheInterval()
    {
        using var collector = new CollectorFactory().With("Collector:Aggregation:HeartbeatInterval", "00:00:00.200");
        using var call = collector.Aggregates.Subscribe(Everything);
        await call.ResponseStream.SnapshotAsync();

        // The statistics change once more as they come to count this subscriber; after that, only heartbeats.
        Wire.AggregateUpdate? previous = null;
        var second = await call.ResponseStream.NextMatchingAsync(update =>
        {
            var twoHeartbeats = previous?.KindCase == Wire.AggregateUpdate.KindOneofCase.Heartbeat && update.KindCase == Wire.AggregateUpdate.KindOneofCase.Heartbeat;
            previous = twoHeartbeats ? previous : update;
            return twoHeartbeats;
        });

        var gap = second.Heartbeat.At.ToDateTimeOffset() - previous!.Heartbeat.At.ToDateTimeOffset();
        Assert.InRange(gap, TimeSpan.FromMilliseconds(190), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Subscribe_WindowTheCollectorDoesNotKeep_IsInvalidArgument()
    {
        using var call = _collector.Aggregates.Subscribe(new Wire.SubscribeRequest { Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("one of 1 s, 10 s, 60 s", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_MoreThanMaxSubscribers_IsResourceExhaustedWithARetryHint()
    {
        using var first = _collector.Aggregates.Subscribe(Everything);
        using var second = _collector.Aggregates.Subscribe(Everything);
        await first.ResponseStream.SnapshotAsync();
        await second.ResponseStream.SnapshotAsync();

        using var third = _collector.Aggregates.Subscribe(Everything);
        var error = await Assert.ThrowsAsync<RpcException>(() => third.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("250", error.Trailers.GetValue("retry-after-ms"));
        Assert.Contains("2 subscribers are open", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_SubscriberCancels_LeavesTheHub()
    {
        using var cancel = new CancellationTokenSource();
        using var call = _collector.Aggregates.Subscribe(Everything, cancellationToken: cancel.Token);
        await call.ResponseStream.SnapshotAsync();
        Assert.Equal(1, Hub.SubscriberCount);

        await cancel.CancelAsync();

        await Eventually.UntilAsync(() => Hub.SubscriberCount == 0, "the cancelled subscriber leaves");
    }

    [Fact]
    public async Task Stopping_OpenSubscription_EndsWithUnavailableLongBeforeTheShutdownTimeout()
    {
        using var call = _collector.Aggregates.Subscribe(Everything);
        await call.ResponseStream.SnapshotAsync();
        var stopwatch = Stopwatch.StartNew();

        _collector.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.NextMatchingAsync(_ => false));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("shutting down", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}, the shutdown timeout is 30 s");
    }

    private Task UntilShownAsync(string sensorId, int second) =>
        Eventually.UntilAsync(
            () => Hub.Find(0, sensorId) is { Closed: true } window && window.WindowStartMicros >= ReadingBatches.EpochMicros + (second * 1_000_000L),
            $"{sensorId}'s window at second {second} closes");
}
