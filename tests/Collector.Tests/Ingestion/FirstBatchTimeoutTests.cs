using Grpc.Core;
using Ingest.Collector.Settings;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class FirstBatchTimeoutTests : IDisposable
{
    private static readonly TimeSpan Timeout = new IngestionOptions().FirstBatchTimeout;

    // The ingest path uses time for clock-skew checks and this timeout only: fake time that starts now serves it.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CollectorFactory _collector;

    public FirstBatchTimeoutTests() =>
        _collector = new CollectorFactory()
            .With("Collector:Ingestion:MaxConcurrentUploads", "1")

            // Longer than the waits below: these tests are about the first batch only (BatchIdleTimeoutTests: the ones after).
            .With("Collector:Ingestion:BatchIdleTimeout", "00:10:00")
            .WithServices(services => services.AddSingleton<TimeProvider>(_time));

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_NoBatchWithinTheFirstBatchTimeout_IsDeadlineExceeded_AndFreesItsUploadSlot()
    {
        using var idle = _collector.Ingestion.Upload(WireProtocol.Headers(), deadline: DateTime.UtcNow.AddMinutes(1));

        await Eventually.UntilAsync(() => idle.ResponseAsync.IsCompleted, "the idle stream is ended", step: () => _time.Advance(Timeout));
        var error = await Assert.ThrowsAsync<RpcException>(() => idle.ResponseAsync);
        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("after-idle", 1, 2));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.StartsWith($"no batch within {Timeout.TotalSeconds} s of opening the stream", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2UL, ack.BatchesCommitted);
    }

    [Fact]
    public async Task Upload_FirstBatchInTime_KeepsTheStreamOpenPastTheTimeout()
    {
        using var call = _collector.Ingestion.Upload(WireProtocol.Headers(), deadline: DateTime.UtcNow.AddMinutes(1));
        await call.RequestStream.WriteAsync(ReadingBatches.Regular("in-time", 1));
        await Eventually.UntilAsync(
            async () => (await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("in-time"))).CommittedSequence == 1,
            "the first batch is committed");

        _time.Advance(Timeout * 2);
        await call.RequestStream.WriteAsync(ReadingBatches.Regular("in-time", 2));
        await call.RequestStream.CompleteAsync();

        Assert.Equal(2UL, (await call).BatchesCommitted);
    }
}
