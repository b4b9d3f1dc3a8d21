using System.Diagnostics;
using System.Net.Sockets;
using Ingest.FaultProxy.Tests.Infrastructure;

namespace Ingest.FaultProxy.Tests;

public sealed class BandwidthTests
{
    [Fact]
    public async Task Transfer_WithBandwidthCap_TakesAtLeastBytesOverCap()
    {
        await using var echo = ProxiedEcho.Start();
        const long cap = 100_000;
        echo.Proxy.BandwidthBytesPerSecond = cap;
        using var client = await echo.ConnectAsync();
        var payload = ProxiedEcho.Payload(200_000);
        var atLeast = TimeSpan.FromSeconds((double)payload.Length / cap);

        var watch = Stopwatch.StartNew();
        var receiving = ProxiedEcho.ReceiveExactlyAsync(client, payload.Length, atLeast * 4);
        await client.SendAsync(payload, SocketFlags.None);
        var back = await receiving;
        watch.Stop();

        Assert.Equal(payload, back);
        Assert.True(watch.Elapsed >= atLeast, $"{payload.Length} bytes took {watch.Elapsed}, less than {atLeast} at {cap} bytes/s");
    }
}
