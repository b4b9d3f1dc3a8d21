using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Admin;

public sealed class AdminCommandTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task SendCommand_ToAKind_ReachesOnlyTheConnectedSensorsOfThatKind()
    {
        using var a = await ConnectAsync("cmd-a", "k1");
        using var b = await ConnectAsync("cmd-b", "k1");
        using var c = await ConnectAsync("cmd-c", "k2");
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("cmd-offline", "k1"));

        var pause = await SendAsync(AdminCalls.Kind("k1"), Wire.SensorCommandKind.Pause);
        var flush = await SendAsync(AdminCalls.All(), Wire.SensorCommandKind.Flush);

        Assert.Equal((2U, 0U), (pause.SensorsReached, pause.SensorsSkipped));
        Assert.Equal(3U, flush.SensorsReached);
        Assert.Equal(Wire.SensorCommandKind.Pause, (await a.NextNotHeartbeatAsync()).Command.Kind);
        Assert.Equal(Wire.SensorCommandKind.Pause, (await b.NextNotHeartbeatAsync()).Command.Kind);

        // c's next command is the flush: the pause never reached it.
        Assert.Equal(Wire.SensorCommandKind.Flush, (await c.NextNotHeartbeatAsync()).Command.Kind);
    }

    [Fact]
    public async Task SendCommand_ToASensorNotConnected_ReachesNone()
    {
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("cmd-away"));

        var reply = await SendAsync(AdminCalls.Sensor("cmd-away"), Wire.SensorCommandKind.Resume);

        Assert.Equal((0U, 0U), (reply.SensorsReached, reply.SensorsSkipped));
    }

    private async Task<ControlLink> ConnectAsync(string sensorId, string kind)
    {
        var link = await ControlLink.ConnectAsync(_collector, sensorId, kind);
        var update = await link.NextUpdateAsync();
        await link.AckAsync(update.Version);
        return link;
    }

    private async Task<Wire.SendCommandReply> SendAsync(Wire.ConfigScope scope, Wire.SensorCommandKind command) =>
        await _collector.Admin.SendCommandAsync(new Wire.SendCommandRequest { Scope = scope, Command = command });
}
