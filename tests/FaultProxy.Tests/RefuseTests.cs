using System.Net.Sockets;
using Ingest.FaultProxy.Tests.Infrastructure;

namespace Ingest.FaultProxy.Tests;

public sealed class RefuseTests
{
    [Fact]
    public async Task RefuseNewConnections_ResetsNewOnesWithoutReachingTheTarget_AndKeepsOpenOnes()
    {
        await using var echo = ProxiedEcho.Start();
        using var open = await echo.ConnectAsync();
        await open.SendAsync(ProxiedEcho.Payload(10), SocketFlags.None);
        await ProxiedEcho.ReceiveExactlyAsync(open, 10);

        echo.Proxy.RefuseNewConnections = true;
        Assert.Equal(SocketError.ConnectionReset, (await echo.ConnectExpectingResetAsync()).SocketErrorCode);

        await open.SendAsync(ProxiedEcho.Payload(10), SocketFlags.None);
        await ProxiedEcho.ReceiveExactlyAsync(open, 10);
        Assert.Equal(1, echo.Proxy.Counters.ConnectionsRefused);
        Assert.Single(echo.Server.Sessions);
    }
}
