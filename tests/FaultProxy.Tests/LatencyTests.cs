using System.Diagnostics;
using System.Net.Sockets;
using Ingest.FaultProxy.Tests.Infrastructure;

namespace Ingest.FaultProxy.Tests;

public sealed class LatencyTests
{
    [Fact]
    public async Task RoundTrip_WithLatency_TakesAtLeastTheLatencyEachWay()
    {
        await using var echo = ProxiedEcho.Start();
        var latency = TimeSpan.FromMilliseconds(150);
        echo.Proxy.Latency = latency;
        using var client = await echo.ConnectAsync();
        var payload = ProxiedEcho.Payload(32);

        var watch = Stopwatch.StartNew();
        await client.SendAsync(payload, SocketFlags.None);
        var back = await ProxiedEcho.ReceiveExactlyAsync(client, payload.Length);
        watch.Stop();

        Assert.Equal(payload, back);
        Assert.True(watch.Elapsed >= 2 * latency, $"the round trip took {watch.Elapsed}, less than {2 * latency}");
    }
}
