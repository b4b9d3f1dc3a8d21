using System.Net.Sockets;
using Ingest.FaultProxy.Tests.Infrastructure;

namespace Ingest.FaultProxy.Tests;

public sealed class CutTests
{
    private const int CutAfterBytes = 3_000;

    [Fact]
    public async Task CutAfterDownstream_DeliversExactlyNBytesToTheClient_ThenCloses()
    {
        await using var echo = ProxiedEcho.Start();
        echo.Proxy.CutAfter(CutAfterBytes, CutScope.Downstream);
        using var client = await echo.ConnectAsync();

        await client.SendAsync(ProxiedEcho.Payload(CutAfterBytes * 3), SocketFlags.None);

        Assert.Equal(CutAfterBytes, await ProxiedEcho.ReceiveUntilClosedAsync(client));
        Assert.Equal(1, echo.Proxy.Counters.Cuts);
        Assert.Equal(CutAfterBytes, echo.Proxy.Counters.DownstreamBytes);
    }

    [Fact]
    public async Task CutAfterUpstream_DeliversExactlyNBytesToTheTarget_ThenCloses()
    {
        await using var echo = ProxiedEcho.Start();
        echo.Proxy.CutAfter(CutAfterBytes, CutScope.Upstream);
        using var client = await echo.ConnectAsync();

        await client.SendAsync(ProxiedEcho.Payload(CutAfterBytes * 3), SocketFlags.None);

        var session = await WaitForSessionAsync(echo.Server);
        await session.Ended.WaitAsync(ProxiedEcho.Deadline);
        Assert.Equal(CutAfterBytes, session.Received);
        Assert.Equal(1, echo.Proxy.Counters.Cuts);
    }

    [Fact]
    public async Task CutAfterTotal_CountsBothDirections()
    {
        await using var echo = ProxiedEcho.Start();
        echo.Proxy.CutAfter(CutAfterBytes, CutScope.Total);
        using var client = await echo.ConnectAsync();

        await client.SendAsync(ProxiedEcho.Payload(CutAfterBytes * 3), SocketFlags.None);
        await Eventually.UntilAsync(() => echo.Proxy.Counters.Cuts == 1, "the connection is cut", ProxiedEcho.Deadline);

        Assert.Equal(CutAfterBytes, echo.Proxy.Counters.UpstreamBytes + echo.Proxy.Counters.DownstreamBytes);
    }

    [Fact]
    public async Task ClearCut_LetsOpenAndNewConnectionsRunPastN()
    {
        await using var echo = ProxiedEcho.Start();
        echo.Proxy.CutAfter(CutAfterBytes, CutScope.Total);
        using var open = await echo.ConnectAsync();
        await open.SendAsync(ProxiedEcho.Payload(100), SocketFlags.None);
        await ProxiedEcho.ReceiveExactlyAsync(open, 100);

        echo.Proxy.ClearCut();
        var payload = ProxiedEcho.Payload(CutAfterBytes * 3);
        await open.SendAsync(payload, SocketFlags.None);
        Assert.Equal(payload, await ProxiedEcho.ReceiveExactlyAsync(open, payload.Length));
        using var fresh = await echo.ConnectAsync();
        await fresh.SendAsync(payload, SocketFlags.None);
        Assert.Equal(payload, await ProxiedEcho.ReceiveExactlyAsync(fresh, payload.Length));
        Assert.Equal(0, echo.Proxy.Counters.Cuts);
    }

    private static async Task<EchoSession> WaitForSessionAsync(EchoServer server)
    {
        await Eventually.UntilAsync(() => server.Sessions.Count == 1, "the server accepted the connection", ProxiedEcho.Deadline);
        return server.Sessions.Single();
    }
}
