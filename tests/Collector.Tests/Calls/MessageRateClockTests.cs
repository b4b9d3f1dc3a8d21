using System.IO.Pipelines;
using Grpc.Core;
using Ingest.Collector.Calls;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Calls;

/// <summary>The message rate's clock runs only while the collector waits for the client, never while it is busy itself.</summary>
public sealed class MessageRateClockTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly Pipe _body = new();

    [Fact]
    public async Task AMessagePartHeldWhileTheCollectorIsBusy_IsNotCutForTheCollectorsTime()
    {
        var reader = Reader();
        await _body.Writer.WriteAsync(new byte[10]);
        var first = await reader.ReadAsync();
        reader.AdvanceTo(first.Buffer.Start, first.Buffer.End);

        // The collector holds the part a minute before it asks for more (storage slow, the buffered-bytes budget full),
        // while the rest of the message has long arrived.
        _time.Advance(TimeSpan.FromMinutes(1));
        await _body.Writer.WriteAsync(new byte[600]);

        var next = await reader.ReadAsync();
        Assert.Equal(610, next.Buffer.Length);
    }

    [Fact]
    public async Task AMessagePartTheClientDoesNotFinishWithinTheGracePeriod_IsCut()
    {
        var reader = Reader();
        await _body.Writer.WriteAsync(new byte[10]);
        var first = await reader.ReadAsync();
        reader.AdvanceTo(first.Buffer.Start, first.Buffer.End);

        var waiting = reader.ReadAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(6));

        var cut = await Assert.ThrowsAsync<RpcException>(() => waiting);
        Assert.Equal(StatusCode.Cancelled, cut.StatusCode);
    }

    private MessageRate Reader() => new(_body.Reader, new DefaultHttpContext(),
        new TransportOptions { MinRequestBodyDataRateBytesPerSecond = 100, MinRequestBodyDataRateGracePeriod = TimeSpan.FromSeconds(5) },
        _time, new CutStreams(new RefusalLog(_time, Options.Create(new RefusalLogOptions())), NullLogger<CutStreams>.Instance));
}
