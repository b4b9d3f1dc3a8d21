using Grpc.Core;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Ingestion;

/// <summary>
/// A sensor that gives up on its upload resets the stream (as a sensor process killed or restarted mid-stream does, or
/// one whose connection drops): the collector ends the call, keeps what was sent, and logs no error. (Whether the reset
/// reaches the collector's read as a cancellation or as Kestrel's IOException is a race; the IOException's handling is
/// <see cref="UploadReaderTests"/>'.)
/// </summary>
public sealed class ClientResetTests : IDisposable
{
    private readonly LogCapture _logs = new();
    private LoopbackCollector? _loopback;

    private LoopbackCollector Loopback => _loopback ??= LoopbackCollector.Start(new CollectorFactory().WithLogs(_logs));

    public void Dispose() => _loopback?.Dispose();

    [Fact]
    public async Task Upload_TheClientResetsTheStreamMidway_EndsWithoutAnErrorLine_AndWhatItSentIsStored()
    {
        using var channel = Loopback.Channel();
        var metrics = Loopback.Collector.Services.GetRequiredService<IngestMetrics>();
        var sensor = "reset-" + Guid.NewGuid().ToString("N")[..8];
        using var giveUp = new CancellationTokenSource();
        using (var upload = new Wire.Ingestion.IngestionClient(channel).Upload(cancellationToken: giveUp.Token))
        {
            await upload.RequestStream.WriteAsync(ReadingBatches.Regular(sensor, 1));
            await Eventually.UntilAsync(() => Loopback.Collector.Stored.Chunks(sensor) == 1, "the first batch is stored");

            // The client resets the stream (RST_STREAM) with the collector waiting for its next batch.
            await giveUp.CancelAsync();
            await Assert.ThrowsAsync<RpcException>(() => upload.ResponseAsync);
        }

        await Eventually.UntilAsync(() => metrics.UploadsOpen == 0, "the collector ended the upload");
        Assert.Equal(1, Loopback.Collector.Stored.Chunks(sensor));
        _logs.AssertNoErrors();
    }
}
