using System.Globalization;
using Grpc.Core;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Diagnostics;

/// <summary>
/// Hole 6 of the hostile-clients issue: a sensor key floods the collector with rejected batches and with uploads that
/// a per-sensor limit refuses. The collector's own log gets at most one line per reason per interval, at any level,
/// and each line counts what happened since the one before, so the lines add up to the flood.
/// </summary>
public sealed class RefusalLogFloodTests : IDisposable
{
    private const int RejectedPerStream = 1000;
    private const int RejectStreams = 2;
    private const int Refusals = 500;

    /// <summary>The interval's clock only: the rest of the collector runs on real time.</summary>
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public RefusalLogFloodTests()
    {
        _collector = new CollectorFactory()
            .With("Collector:Ingestion:MaxUploadStreamsPerSensor", "1")
            .WithLogs(_logs)
            .WithServices(services =>
            {
                services.RemoveAll<RefusalLog>();
                services.AddSingleton(provider => new RefusalLog(_time, provider.GetRequiredService<IOptions<RefusalLogOptions>>()));
            });
    }

    public void Dispose()
    {
        _collector.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task FloodOfRejectedBatchesAndLimitRefusals_LogsOneLinePerReasonPerInterval_AtEveryLevel_WithTheCountSinceTheLastLine()
    {
        var interval = _collector.Services.GetRequiredService<RefusalLog>().Interval;
        for (var stream = 0; stream < RejectStreams; stream++)
        {
            var first = (ulong)(stream * RejectedPerStream) + 1;
            var ack = await _collector.Ingestion.UploadAsync(Enumerable.Range(0, RejectedPerStream).Select(i => NotANumber("flood-nan", first + (ulong)i)));
            Assert.Equal(RejectedPerStream, ack.Rejected.Count);
        }

        using var holder = _collector.Ingestion.Upload(deadline: DateTime.UtcNow.AddSeconds(60));
        await holder.RequestStream.WriteAsync(ReadingBatches.Regular("flood-limit", 1));
        await Eventually.UntilAsync(() => _collector.Stored.Chunks("flood-limit") == 1, "the stream holding the sensor's one place has stored its batch");
        for (var i = 0; i < Refusals; i++)
        {
            await RefusedAsync(2);
        }

        var flooded = _logs.From("Ingest.").Where(e => e.Message.Contains("flood-", StringComparison.Ordinal)).ToList();
        Assert.True(flooded.Count <= 6, $"{flooded.Count} collector log lines for the flood:\n" + string.Join("\n", flooded.Take(10).Select(e => $"{e.Level}: {e.Message}")));
        Assert.Equal([1L], Counts("batches rejected since"));
        Assert.Equal([1L], Counts("uploads refused by a per-sensor limit since"));
        Assert.Equal([1L], Counts("upload streams ended early since"));

        // Once the interval has passed, the next case of each reason writes a line counting all since the first.
        _time.Advance(interval);
        Assert.Single((await _collector.Ingestion.UploadAsync([NotANumber("flood-nan", (RejectStreams * RejectedPerStream) + 1)])).Rejected);
        await RefusedAsync(2);
        Assert.Equal([1L, RejectStreams * RejectedPerStream], Counts("batches rejected since"));
        Assert.Equal([1L, Refusals], Counts("uploads refused by a per-sensor limit since"));
        Assert.Equal([1L, Refusals], Counts("upload streams ended early since"));
        await holder.RequestStream.CompleteAsync();
        await holder;
    }

    private async Task RefusedAsync(ulong sequence)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.WriteAsync(ReadingBatches.Regular("flood-limit", sequence)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    /// <summary>The counts the collector's lines of one reason carry (each line starts with its count), in order.</summary>
    private List<long> Counts(string reason) => [.. _logs.From("Ingest.")
        .Where(e => e.Message.Contains(reason, StringComparison.Ordinal))
        .Select(e => long.Parse(e.Message[..e.Message.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture))];

    private static Wire.ReadingBatch NotANumber(string sensorId, ulong sequence)
    {
        var batch = ReadingBatches.Regular(sensorId, sequence, count: 10);
        batch.Readings.Values[5] = double.NaN;
        return batch;
    }
}
