using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Control;

/// <summary>Control streams with a short heartbeat interval, so that silence and heartbeats show quickly.</summary>
public sealed class ControlHeartbeatTests : IDisposable
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(300);

    private readonly CollectorFactory _collector = new CollectorFactory().With("Collector:Control:HeartbeatInterval", "00:00:00.300");

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Connect_SensorSilentForThreeIntervals_IsDroppedWithUnavailable()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "hb-silent");
        var started = DateTime.UtcNow;

        var error = await link.EndAsync();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("no message from hb-silent for 0.9 s; dropping its control stream", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started >= Heartbeat * 2, "dropped only after about three intervals");
        await Eventually.UntilAsync(async () => !(await _collector.Admin.StateAsync("hb-silent")).Connected, "the sensor shows disconnected");
    }

    [Fact]
    public async Task Connect_NothingSent_EndsWithDeadlineExceededAfterThreeIntervals()
    {
        using var link = ControlLink.Open(_collector);

        var error = await link.EndAsync();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("must be a hello", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NothingToSend_CollectorSendsHeartbeats()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "hb-beat");
        var update = await link.NextUpdateAsync();
        await link.AckAsync(update.Version);

        var next = await link.NextAsync();

        Assert.Equal(Wire.CollectorMessage.KindOneofCase.Heartbeat, next.KindCase);
    }

    [Fact]
    public async Task Connect_ReconnectWithAnOldVersion_GetsTheCurrentConfigRightAfterTheWelcome()
    {
        Wire.ConfigUpdate old;
        using (var first = await ControlLink.ConnectAsync(_collector, "hb-old"))
        {
            old = await first.NextUpdateAsync();
            await first.AckAsync(old.Version);
        }

        var reply = await _collector.Admin.SetAsync(AdminCalls.Sensor("hb-old"), ("StatusInterval", "2s"));
        using var again = await ControlLink.ConnectAsync(_collector, "hb-old", version: old.Version, hash: old.Hash);

        var next = await again.NextAsync();

        Assert.Equal(Wire.CollectorMessage.KindOneofCase.ConfigUpdate, next.KindCase);
        Assert.Equal(reply.Version, next.ConfigUpdate.Version);
        Assert.Equal(2, next.ConfigUpdate.Config.StatusInterval.Seconds);
    }

    [Fact]
    public async Task Connect_ReconnectInSync_GetsNoConfigUpdate()
    {
        Wire.ConfigUpdate current;
        using (var first = await ControlLink.ConnectAsync(_collector, "hb-sync"))
        {
            current = await first.NextUpdateAsync();
            await first.AckAsync(current.Version);
        }

        using var again = await ControlLink.ConnectAsync(_collector, "hb-sync", version: current.Version, hash: current.Hash);

        // The writer sends a pending update before any heartbeat, so a heartbeat first means none was due.
        var next = await again.NextAsync();
        Assert.Equal(Wire.CollectorMessage.KindOneofCase.Heartbeat, next.KindCase);
        Assert.Equal(Wire.ConfigState.InSync, (await _collector.Admin.StateAsync("hb-sync")).State);
    }

    [Fact]
    public async Task Connect_ReconnectWithTheRightVersionButAnotherHash_GetsTheConfigAgain()
    {
        Wire.ConfigUpdate current;
        using (var first = await ControlLink.ConnectAsync(_collector, "hb-hash"))
        {
            current = await first.NextUpdateAsync();
        }

        using var again = await ControlLink.ConnectAsync(_collector, "hb-hash", version: current.Version, hash: "0000000000000000");

        var next = await again.NextAsync();
        Assert.Equal(Wire.CollectorMessage.KindOneofCase.ConfigUpdate, next.KindCase);
        Assert.Equal(current.Hash, next.ConfigUpdate.Hash);
    }
}
