using System.Net.Sockets;
using Ingest.FaultProxy.Tests.Infrastructure;

namespace Ingest.FaultProxy.Tests;

public sealed class ForwardingTests
{
    [Fact]
    public async Task Echo_WithoutFaults_PassesEveryByteBothWaysAndCountsThem()
    {
        await using var echo = ProxiedEcho.Start();
        using var client = await echo.ConnectAsync();
        var payload = ProxiedEcho.Payload(100_000);

        await client.SendAsync(payload, SocketFlags.None);
        var back = await ProxiedEcho.ReceiveExactlyAsync(client, payload.Length);

        Assert.Equal(payload, back);
        Assert.Equal(1, echo.Proxy.Counters.ConnectionsAccepted);
        Assert.Equal(payload.Length, echo.Proxy.Counters.UpstreamBytes);
        Assert.Equal(payload.Length, echo.Proxy.Counters.DownstreamBytes);
        Assert.Equal(payload.Length, Assert.Single(echo.Server.Sessions).Received);
    }

    [Fact]
    public async Task Dispose_WithOpenConnection_ClosesIt()
    {
        var echo = ProxiedEcho.Start();
        using var client = await echo.ConnectAsync();
        await client.SendAsync(ProxiedEcho.Payload(10), SocketFlags.None);
        await ProxiedEcho.ReceiveExactlyAsync(client, 10);

        await echo.DisposeAsync();

        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            // A reset shows on the first receive, or on a send after the peer's close.
            while (await client.ReceiveAsync(new byte[16], SocketFlags.None) > 0)
            {
            }

            await client.SendAsync(ProxiedEcho.Payload(10), SocketFlags.None);
            await client.ReceiveAsync(new byte[16], SocketFlags.None);
            throw new SocketException((int)SocketError.ConnectionReset);
        });
        Assert.Equal(0, echo.Proxy.Counters.ConnectionsOpen);
    }
}
