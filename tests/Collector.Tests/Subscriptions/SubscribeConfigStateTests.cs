using Google.Protobuf.WellKnownTypes;
using Ingest.Collector.Subscriptions;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Subscriptions;

public sealed class SubscribeConfigStateTests : IDisposable
{
    private static readonly Wire.SubscribeRequest Request = new() { MinUpdateInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) };

    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Subscribe_Window_CarriesTheConfigVersionsAndState_AndIsResentWhenTheyChange()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "cfg-win", "thermo");
        var initial = await link.NextUpdateAsync();
        await link.AckAsync(initial.Version);
        await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds("cfg-win", 1, 3));
        var hub = _collector.Services.GetRequiredService<SubscriptionHub>();
        await Eventually.UntilAsync(() => hub.Find(0, "cfg-win") is { Closed: true }, "a window of cfg-win closed");
        await Eventually.UntilAsync(async () => (await _collector.Admin.StateAsync("cfg-win")).State == Wire.ConfigState.InSync, "the sensor is in sync");

        using var call = _collector.Aggregates.Subscribe(Request);
        var (_, windows, _) = await call.ResponseStream.SnapshotAsync();

        var window = Assert.Single(windows);
        Assert.Equal((initial.Version, initial.Version, Wire.ConfigState.InSync, false),
            (window.DesiredConfigVersion, window.ReportedConfigVersion, window.ConfigState, window.Paused));

        var reply = await _collector.Admin.SetAsync(AdminCalls.Sensor("cfg-win"), ("BatchSize", "10"));
        var pending = await call.ResponseStream.NextMatchingAsync(u => u.Window?.DesiredConfigVersion == reply.Version);
        Assert.Equal((initial.Version, Wire.ConfigState.Pending), (pending.Window.ReportedConfigVersion, pending.Window.ConfigState));

        await link.AckAsync((await link.NextUpdateAsync()).Version);
        var synced = await call.ResponseStream.NextMatchingAsync(u => u.Window?.ReportedConfigVersion == reply.Version);
        Assert.Equal(Wire.ConfigState.InSync, synced.Window.ConfigState);

        await link.SendAsync(new Wire.SensorMessage { Status = new Wire.SensorStatus { Disabled = true } });
        var paused = await call.ResponseStream.NextMatchingAsync(u => u.Window?.Paused == true);
        Assert.Equal("cfg-win", paused.Window.SensorId);
    }
}
