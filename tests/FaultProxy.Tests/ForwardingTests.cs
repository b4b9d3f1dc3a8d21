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

        // The client sees its connection end: an orderly close (a 0-byte receive) or a reset, within the deadline.
        Assert.Equal(0, await Eventually.CompletesAsync(ReceiveOrResetAsync(client)));
        Assert.Equal(0, echo.Proxy.Counters.ConnectionsOpen);
    }

    /// <summary>Bytes of the next receive; 0 when the peer closed the connection or reset it.</summary>
    private static async Task<int> ReceiveOrResetAsync(Socket client)
    {
        try
        {
            return await client.ReceiveAsync(new byte[16], SocketFlags.None);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }
}
