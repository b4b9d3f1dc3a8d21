using Google.Protobuf;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Collector.Tests.Robustness;

/// <summary>
/// gRPC frames that break the framing itself, written as raw HTTP/2 bodies: the collector answers the
/// status grpc-dotnet gives them, logs no error, stores nothing of them, and keeps serving.
/// </summary>
public sealed class RawFrameTests : IDisposable
{
    private const string Upload = "/ingest.v1.Ingestion/Upload";
    private readonly LogCapture _logs = new();
    private readonly FinishedCalls _finished = new();
    private readonly CollectorFactory _collector;

    public RawFrameTests() =>
        _collector = new CollectorFactory().WithLogs(_logs).WithServices(services => services.AddSingleton<IStartupFilter>(_finished));

    public void Dispose() => _collector.Dispose();

    [Theory]
    [InlineData(Upload)]
    [InlineData("/ingest.v1.Ingestion/Write")]
    [InlineData("/ingest.v1.Greeter/Greet")]
    public async Task Call_FrameShorterThanItsHeaderClaims_IsInternalIncompleteMessage_AndNothingIsStored(string path)
    {
        var body = GrpcRequest.Frame(new byte[10], claimedLength: 100);

        var (code, message) = await GrpcRequest.SendAsync(_collector, path, body);

        Assert.Equal(StatusCode.Internal, code);
        Assert.Contains("Incomplete message", message, StringComparison.Ordinal);
        await AssertUnharmedAsync();
    }

    [Fact]
    public async Task Upload_ValidBatchThenATruncatedFrame_IsInternal_AndTheValidBatchIsStoredOnce()
    {
        var good = ReadingBatches.Regular("sim-truncated", 1).ToByteArray();
        byte[] body = [.. GrpcRequest.Frame(good), .. GrpcRequest.Frame(new byte[10], claimedLength: 100)];

        var (code, _) = await GrpcRequest.SendAsync(_collector, Upload, body);

        Assert.Equal(StatusCode.Internal, code);
        // Committed before the stream broke: the sensor learns of it from its next greeting.
        Assert.Equal(1, _collector.Stored.Chunks("sim-truncated"));
        var reply = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("sim-truncated"));
        Assert.Equal(1UL, reply.CommittedSequence);
        await AssertUnharmedAsync();
    }

    [Theory]
    [InlineData(Upload)]
    [InlineData("/ingest.v1.Greeter/Greet")]
    public async Task Call_CompressedFlagWithoutNegotiatedCompression_IsInternal_AndNothingIsStored(string path)
    {
        var body = GrpcRequest.Frame(ReadingBatches.Regular("sim-compressed", 1).ToByteArray(), compressed: true);

        var (code, message) = await GrpcRequest.SendAsync(_collector, path, body);

        Assert.Equal(StatusCode.Internal, code);
        Assert.Contains("grpc-encoding", message, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Chunks("sim-compressed"));
        await AssertUnharmedAsync();
    }

    [Fact]
    public async Task Upload_AbandonedWhileAFrameIsHalfWritten_StoresNothingOfIt_AndTheCollectorKeepsServing()
    {
        using var client = new HttpClient(new KeyHandler(_collector.Server.CreateHandler())) { BaseAddress = _collector.Server.BaseAddress };
        var body = new HalfWrittenContent(GrpcRequest.Frame(ReadingBatches.Regular("sim-abandoned", 1).ToByteArray()));
        using var request = GrpcRequest.Create(Upload, body);
        using var abandon = new CancellationTokenSource();

        var sending = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abandon.Token);
        await body.HalfWritten.WaitAsync(Eventually.DefaultTimeout);
        await abandon.CancelAsync();

        try
        {
            // Either the client gives up first, or the collector has already answered the cut-off body.
            using var response = await sending;
            Assert.NotEqual("0", response.TrailingHeaders.Concat(response.Headers).FirstOrDefault(h => h.Key == "grpc-status").Value?.FirstOrDefault());
        }
        catch (OperationCanceledException)
        {
        }

        // What the abandoned call left behind is known only once the collector has finished serving it.
        await Eventually.UntilAsync(() => _finished.Of(Upload) == 1, "the collector finishes the abandoned upload");
        Assert.Equal(0, _collector.Stored.Chunks("sim-abandoned"));
        await AssertUnharmedAsync();
    }

    private async Task AssertUnharmedAsync()
    {
        await _collector.AssertStillServingAsync();
        _logs.AssertNoErrors();
    }
}
