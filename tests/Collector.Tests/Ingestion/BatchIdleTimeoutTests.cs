using Grpc.Core;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Ingestion;

/// <summary>
/// Hole 2 of the abuse run: streams that sent one batch and then idled held their upload slots for ever, since only
/// the first batch had a deadline. Each next batch has one too, long enough for an honest sensor.
/// </summary>
public sealed class BatchIdleTimeoutTests : IDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    // The ingest path uses time for clock-skew checks and these deadlines only: fake time that starts now serves it.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CollectorFactory _collector;

    public BatchIdleTimeoutTests() =>
        _collector = new CollectorFactory()
            .With("Collector:Ingestion:BatchIdleTimeout", "00:00:05")
            .With("Collector:Control:Defaults:UploadWindowDuration", "00:00:20")
            .WithServices(services => services.AddSingleton<TimeProvider>(_time));

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_IdleAfterOneBatch_IsEndedWithDeadlineExceeded_ItsBatchStaysStoredAndAcked_WhileABatchASecondStreamGoesOn()
    {
        using var idle = OpenUpload();
        using var honest = OpenUpload();
        await idle.RequestStream.WriteAsync(ReadingBatches.Regular("idle-after-one", 1));
        await Eventually.UntilAsync(() => _collector.Stored.Chunks("idle-after-one") == 1, "the idle stream's batch is stored", poll: TimeSpan.FromMilliseconds(20));

        // Three idle timeouts long, a batch a second, each stored before the clock moves on.
        const int batches = 15;
        for (var sequence = 1; sequence <= batches; sequence++)
        {
            await honest.RequestStream.WriteAsync(ReadingBatches.Regular("honest", (ulong)sequence));
            var stored = sequence;
            await Eventually.UntilAsync(() => _collector.Stored.Chunks("honest") == stored, $"honest batch {sequence} is stored", poll: TimeSpan.FromMilliseconds(20));
            _time.Advance(Second);
        }

        await honest.RequestStream.CompleteAsync();
        var ack = await honest;
        await Eventually.UntilAsync(() => idle.ResponseAsync.IsCompleted, "the idle stream is ended", step: () => _time.Advance(Second));
        var error = await Assert.ThrowsAsync<RpcException>(() => idle.ResponseAsync);
        var greeting = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("idle-after-one"));

        Assert.Equal((ulong)batches, ack.BatchesCommitted);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.StartsWith("no batch within 5 s of batch 1 of this stream (Collector:Ingestion:BatchIdleTimeout)", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1UL, greeting.CommittedSequence);
        Assert.Equal(1, _collector.Stored.Chunks("idle-after-one"));
        Assert.Equal(1, _collector.Services.GetRequiredService<IngestMetrics>().UploadRefusalsByReason().GetValueOrDefault("idle_stream"));
    }

    [Fact]
    public async Task Upload_ASensorWhoseUploadWindowIsLongerThanTheIdleTimeout_MayWaitTwiceItsWindow_WhileAnUnknownSensorIsEnded()
    {
        // Greeted, so its desired configuration (a 20 s upload window) is known; "unknown-idle" never greeted.
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("long-window"));
        using var longWindow = OpenUpload();
        using var unknown = OpenUpload();
        await longWindow.RequestStream.WriteAsync(ReadingBatches.Regular("long-window", 1));
        await unknown.RequestStream.WriteAsync(ReadingBatches.Regular("unknown-idle", 1));
        await Eventually.UntilAsync(
            () => _collector.Stored.Chunks("long-window") == 1 && _collector.Stored.Chunks("unknown-idle") == 1, "both first batches are stored", poll: TimeSpan.FromMilliseconds(20));

        // 30 s in all: six idle timeouts, less than twice the long window.
        var waited = TimeSpan.Zero;
        var limit = TimeSpan.FromSeconds(30);
        void Wait()
        {
            if (waited < limit)
            {
                _time.Advance(Second);
                waited += Second;
            }
        }

        await Eventually.UntilAsync(() => unknown.ResponseAsync.IsCompleted, "the unknown sensor's idle stream is ended", step: Wait);
        while (waited < limit)
        {
            Wait();
        }

        await longWindow.RequestStream.WriteAsync(ReadingBatches.Regular("long-window", 2));
        await longWindow.RequestStream.CompleteAsync();
        var ack = await longWindow;

        Assert.Equal(StatusCode.DeadlineExceeded, (await Assert.ThrowsAsync<RpcException>(() => unknown.ResponseAsync)).StatusCode);
        Assert.Equal(2UL, ack.BatchesCommitted);
    }

    private AsyncClientStreamingCall<Wire.ReadingBatch, Wire.UploadAck> OpenUpload() =>
        _collector.Ingestion.Upload(deadline: DateTime.UtcNow.AddMinutes(1));
}
