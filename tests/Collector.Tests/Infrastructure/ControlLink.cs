using Grpc.Core;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>A sensor's end of a <c>Control.Connect</c> stream, with a deadline on every read.</summary>
internal sealed class ControlLink : IDisposable
{
    private readonly AsyncDuplexStreamingCall<Wire.SensorMessage, Wire.CollectorMessage> _call;

    private ControlLink(AsyncDuplexStreamingCall<Wire.SensorMessage, Wire.CollectorMessage> call) => _call = call;

    public Wire.ControlWelcome Welcome { get; private set; } = null!;

    /// <summary>Opens a stream, says hello and reads the welcome.</summary>
    public static async Task<ControlLink> ConnectAsync(
        CollectorFactory collector, string sensorId, string kind = "temperature", ulong version = 0, string hash = "")
    {
        var link = Open(collector);
        await link.SendAsync(Hello(sensorId, kind, version, hash));
        var first = await link.NextAsync();
        Assert.Equal(Wire.CollectorMessage.KindOneofCase.Welcome, first.KindCase);
        link.Welcome = first.Welcome;
        return link;
    }

    /// <summary>Opens a stream without sending anything.</summary>
    public static ControlLink Open(CollectorFactory collector) =>
        new(collector.Control.Connect(WireProtocol.Headers(), deadline: DateTime.UtcNow.AddMinutes(1)));

    public static Wire.SensorMessage Hello(string sensorId, string kind = "temperature", ulong version = 0, string hash = "", uint protocol = 1) =>
        new() { Hello = new Wire.ControlHello { SensorId = sensorId, Kind = kind, ConfigVersion = version, ConfigHash = hash, ProtocolVersion = protocol } };

    public Task SendAsync(Wire.SensorMessage message) => _call.RequestStream.WriteAsync(message);

    public Task AckAsync(ulong version, bool applied = true, string reason = "") =>
        SendAsync(new Wire.SensorMessage { ConfigAck = new Wire.ConfigAck { Version = version, Applied = applied, Reason = reason } });

    public Task CompleteAsync() => _call.RequestStream.CompleteAsync();

    public async Task<Wire.CollectorMessage> NextAsync()
    {
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        Assert.True(await _call.ResponseStream.MoveNext(deadline.Token), "The control stream ended.");
        return _call.ResponseStream.Current;
    }

    /// <summary>The next message that is not a heartbeat.</summary>
    public async Task<Wire.CollectorMessage> NextNotHeartbeatAsync()
    {
        while (true)
        {
            var message = await NextAsync();
            if (message.KindCase != Wire.CollectorMessage.KindOneofCase.Heartbeat)
            {
                return message;
            }
        }
    }

    /// <summary>The next configuration update, skipping heartbeats; fails on anything else.</summary>
    public async Task<Wire.ConfigUpdate> NextUpdateAsync()
    {
        var message = await NextNotHeartbeatAsync();
        Assert.Equal(Wire.CollectorMessage.KindOneofCase.ConfigUpdate, message.KindCase);
        return message.ConfigUpdate;
    }

    /// <summary>Reads until the collector ends the stream and returns the status it ended with.</summary>
    public async Task<RpcException> EndAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        try
        {
            while (await _call.ResponseStream.MoveNext(deadline.Token))
            {
            }
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !deadline.IsCancellationRequested)
        {
            return ex;
        }

        throw new Xunit.Sdk.XunitException("The control stream ended with OK.");
    }

    public void Dispose() => _call.Dispose();
}
