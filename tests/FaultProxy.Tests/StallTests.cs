using System.Net.Sockets;
using Ingest.FaultProxy.Tests.Infrastructure;

namespace Ingest.FaultProxy.Tests;

public sealed class StallTests
{
    private static readonly TimeSpan ObservedWhileStalled = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Stall_HoldsEveryByteWithTheConnectionOpen_AndUnstallDeliversThem()
    {
        await using var echo = ProxiedEcho.Start();
        using var client = await echo.ConnectAsync();
        await client.SendAsync(ProxiedEcho.Payload(10), SocketFlags.None);
        await ProxiedEcho.ReceiveExactlyAsync(client, 10);
        var session = Assert.Single(echo.Server.Sessions);

        echo.Proxy.Stall();
        var payload = ProxiedEcho.Payload(5_000);
        await client.SendAsync(payload, SocketFlags.None);
        var receiving = ProxiedEcho.ReceiveExactlyAsync(client, payload.Length, ProxiedEcho.Deadline + ObservedWhileStalled);

        // Nothing may arrive for a while: the receive must not finish and the server must see nothing new.
        var first = await Task.WhenAny(receiving, Task.Delay(ObservedWhileStalled));
        Assert.NotSame(receiving, first);
        Assert.Equal(10, session.Received);
        Assert.False(session.Ended.IsCompleted, "the stall closed the connection");
        Assert.True(echo.Proxy.IsStalled);

        echo.Proxy.Unstall();

        Assert.Equal(payload, await receiving);
        Assert.Equal(10 + payload.Length, session.Received);
    }
}
