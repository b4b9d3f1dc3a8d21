using System.Globalization;
using Grpc.Core;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Settings;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Limits;

public sealed class SensorRateLimitTests : IDisposable
{
    private const int ReadingsPerSecond = 1000;
    private const int Refused = ReadingsPerSecond / 4;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private CollectorFactory? _collector;

    public void Dispose() => _collector?.Dispose();

    private CollectorFactory Start(int readingsPerSecond) => _collector = new CollectorFactory()
        .With("Collector:Ingestion:MaxReadingsPerSecondPerSensor", readingsPerSecond.ToString(CultureInfo.InvariantCulture))
        .With("Collector:Ingestion:MaxReadingsPerBatch", ReadingsPerSecond.ToString(CultureInfo.InvariantCulture))
        .WithServices(services => services.AddSingleton(provider =>
            new SensorReadingRate(provider.GetRequiredService<LastGoodOptions<IngestionOptions>>(), _time)));

    [Fact]
    public async Task Upload_OverTheSensorRate_IsResourceExhaustedWithTheBucketsRetryHint_StoresNothingOfThatBatch_AndPassesAfterRefill()
    {
        var collector = Start(ReadingsPerSecond);

        var error = await Assert.ThrowsAsync<RpcException>(() => collector.Ingestion.UploadAsync(
            [ReadingBatches.Regular("rate-1", 1, ReadingsPerSecond), ReadingBatches.Regular("rate-1", 2, Refused)]));

        var retryAfter = TimeSpan.FromSeconds((double)Refused / ReadingsPerSecond);
        var milliseconds = ((long)retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.StartsWith($"sensor rate-1 is over Collector:Ingestion:MaxReadingsPerSecondPerSensor ({ReadingsPerSecond}/s)", error.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith($"retry in {milliseconds} ms", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(milliseconds, error.Trailers.GetValue("retry-after-ms"));
        Assert.Equal(1, collector.Stored.Chunks("rate-1"));
        Assert.Equal(ReadingsPerSecond, collector.Stored.Readings("rate-1"));
        Assert.Equal(1UL, (await collector.Greeter.GreetAsync(IngestionCalls.Greeting("rate-1"))).CommittedSequence);

        // Not a moment before the hint: still refused, and still nothing stored.
        _time.Advance(retryAfter - TimeSpan.FromMilliseconds(1));
        var early = await Assert.ThrowsAsync<RpcException>(() => collector.Ingestion.UploadAsync([ReadingBatches.Regular("rate-1", 2, Refused)]));
        Assert.Equal(StatusCode.ResourceExhausted, early.StatusCode);
        Assert.Equal(1, collector.Stored.Chunks("rate-1"));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var ack = await collector.Ingestion.UploadAsync([ReadingBatches.Regular("rate-1", 2, Refused)]);

        Assert.Equal(1UL, ack.BatchesCommitted);
        Assert.Equal(2UL, ack.CommittedSequence);
        Assert.Equal(ReadingsPerSecond + Refused, collector.Stored.Readings("rate-1"));
    }

    [Fact]
    public async Task Upload_BatchOverMaxReadingsPerBatch_IsRejectedAsInvalidArgument_AndChargedAFullBatchAtMost()
    {
        var collector = Start(ReadingsPerSecond);

        var ack = await collector.Ingestion.UploadAsync([ReadingBatches.Regular("rate-oversized", 1, ReadingsPerSecond + 1)]);

        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal(((int)StatusCode.InvalidArgument, 1UL), (rejected.Code, rejected.Sequence));
        Assert.Contains($"at most {ReadingsPerSecond} are allowed per batch", rejected.Reason, StringComparison.Ordinal);

        // Bad batches do not come free, but cost no more than a full one: a second later a full batch fits again.
        var refused = await Assert.ThrowsAsync<RpcException>(() => collector.Ingestion.UploadAsync([ReadingBatches.Regular("rate-oversized", 2, ReadingsPerSecond)]));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        _time.Advance(TimeSpan.FromSeconds(1));
        var next = await collector.Ingestion.UploadAsync([ReadingBatches.Regular("rate-oversized", 2, ReadingsPerSecond)]);
        Assert.Equal((1UL, (ulong)ReadingsPerSecond), (next.BatchesCommitted, next.ReadingsCommitted));
    }

    [Fact]
    public async Task Upload_OverOneSensorsRate_LeavesOtherSensorsAlone()
    {
        var collector = Start(ReadingsPerSecond);
        await collector.Ingestion.UploadAsync([ReadingBatches.Regular("rate-busy", 1, ReadingsPerSecond)]);

        var ack = await collector.Ingestion.UploadAsync([ReadingBatches.Regular("rate-calm", 1, ReadingsPerSecond)]);

        Assert.Equal(1UL, ack.BatchesCommitted);
    }

    [Fact]
    public async Task Upload_RateZero_IsUnlimited()
    {
        const int batches = 5;
        var collector = Start(0);

        var ack = await collector.Ingestion.UploadAsync(ReadingBatches.Sequences("rate-free", 1, batches, ReadingsPerSecond));

        Assert.Equal((ulong)batches, ack.BatchesCommitted);
        Assert.Equal((ulong)(batches * ReadingsPerSecond), ack.ReadingsCommitted);
    }
}
