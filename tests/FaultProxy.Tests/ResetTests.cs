using System.Net.Sockets;
using Ingest.FaultProxy.Tests.Infrastructure;

namespace Ingest.FaultProxy.Tests;

public sealed class ResetTests
{
    [Fact]
    public async Task ResetAll_WithOpenConnection_GivesTheClientAConnectionReset()
    {
        await using var echo = ProxiedEcho.Start();
        using var client = await echo.ConnectAsync();
        await client.SendAsync(ProxiedEcho.Payload(10), SocketFlags.None);
        await ProxiedEcho.ReceiveExactlyAsync(client, 10);

        Assert.Equal(1, echo.Proxy.ResetAll());

        var error = await Assert.ThrowsAsync<SocketException>(() => ProxiedEcho.ReceiveUntilClosedAsync(client));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        Assert.Equal(1, echo.Proxy.Counters.Resets);
        await Assert.Single(echo.Server.Sessions).Ended.WaitAsync(ProxiedEcho.Deadline);
    }

    [Fact]
    public async Task ResetAll_KeepResettingNew_ResetsNewConnectionsUntilStopped()
    {
        await using var echo = ProxiedEcho.Start();
        echo.Proxy.ResetAll(keepResettingNew: true);

        Assert.Equal(SocketError.ConnectionReset, (await echo.ConnectExpectingResetAsync()).SocketErrorCode);

        echo.Proxy.StopResetting();
        using var client = await echo.ConnectAsync();
        await client.SendAsync(ProxiedEcho.Payload(10), SocketFlags.None);
        await ProxiedEcho.ReceiveExactlyAsync(client, 10);

        Assert.Equal(1, echo.Proxy.Counters.Resets);
        Assert.Single(echo.Server.Sessions);
    }
}
