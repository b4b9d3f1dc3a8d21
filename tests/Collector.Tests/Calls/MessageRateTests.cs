using Google.Protobuf;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.Robustness;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Calls;

/// <summary>
/// A message that arrives slower than the minimum body data rate is cut (its stream alone), while a sensor whose stream
/// waits between messages, however long, is left alone.
/// </summary>
public sealed class MessageRateTests(ITestOutputHelper output) : IDisposable
{
    private readonly LogCapture _logs = new();
    private LoopbackCollector? _loopback;

    private LoopbackCollector Loopback => _loopback ??= LoopbackCollector.Start(new CollectorFactory().WithLogs(_logs)
        .With("Collector:Transport:MinRequestBodyDataRateBytesPerSecond", "1000")
        .With("Collector:Transport:MinRequestBodyDataRateGracePeriod", "00:00:02"));

    public void Dispose() => _loopback?.Dispose();

    [Fact]
    public async Task TricklingUploads_AreCut_WhileASensorIdleBetweenBatchesOnTheSameConnection_FinishesItsUpload()
    {
        const int tricklers = 20;
        using var channel = Loopback.Channel();
        var honest = "honest-" + Guid.NewGuid().ToString("N")[..8];
        using var upload = new Wire.Ingestion.IngestionClient(channel).Upload(deadline: DateTime.UtcNow.AddMinutes(2));
        await upload.RequestStream.WriteAsync(ReadingBatches.Regular(honest, 1));
        await Eventually.UntilAsync(() => Loopback.Collector.Stored.Chunks(honest) == 1, "the honest sensor's first batch is stored");

        // Each sends a good first batch (so that no first-batch timeout is what cuts it), then declares a 4 MB message,
        // sends 700 KB of it at once and then a byte every 200 ms.
        using var client = Loopback.Client();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var trickles = Enumerable.Range(0, tricklers).Select(async i =>
        {
            byte[] head = [.. GrpcRequest.Frame(ReadingBatches.Regular($"trickler-{i}", 1).ToByteArray()), .. GrpcRequest.Frame(new byte[700_000], claimedLength: 4_000_000)];
            using var request = GrpcRequest.Create("/ingest.v1.Ingestion/Upload", new TrickleContent(head, TimeSpan.FromMilliseconds(200)));
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            request.Headers.TryAddWithoutValidation("authorization", $"Bearer {TestKeys.Sensor}");
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, stop.Token);
                return response.TrailingHeaders.Concat(response.Headers).FirstOrDefault(h => h.Key == "grpc-status").Value?.FirstOrDefault() ?? "none";
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !stop.IsCancellationRequested)
            {
                // Reset by the collector: the client stops sending and gives up the request.
                return "reset";
            }
        }).ToList();

        // The honest sensor stays idle at least until every trickler is cut: longer than the grace period.
        var cut = await Task.WhenAll(trickles);
        output.WriteLine($"{tricklers} trickling uploads ended: {string.Join(", ", cut.GroupBy(c => c).Select(g => $"{g.Key} x{g.Count()}"))}");
        foreach (var batch in ReadingBatches.Sequences(honest, 2, 3))
        {
            await upload.RequestStream.WriteAsync(batch);
        }

        await upload.RequestStream.CompleteAsync();
        var ack = await upload;

        Assert.False(stop.IsCancellationRequested, "the trickling uploads were not cut within a minute");
        Assert.DoesNotContain("0", cut);
        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.True(_logs.Contains(Microsoft.Extensions.Logging.LogLevel.Warning, "Streams reset for a message arriving too slowly"));
        _logs.AssertNoErrors();
    }
}
