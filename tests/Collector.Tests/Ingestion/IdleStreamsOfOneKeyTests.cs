using Grpc.Core;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Ingestion;

/// <summary>
/// Hole 2 of the abuse run: one sensor key opened more Upload streams than the collector has slots, each sending one
/// tiny batch and then idling, and no other sensor was acknowledged. A key may hold only its share of the slots.
/// </summary>
public sealed class IdleStreamsOfOneKeyTests : IDisposable
{
    private const int Slots = 8;
    private const int Share = Slots * 75 / 100;
    private const string AttackKey = "attack-sensor-key-5f0c1e";

    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Ingestion:MaxConcurrentUploads", Slots.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Collector:Ingestion:RetryAfter", "00:00:00.250")
        .With("Collector:Security:Keys:attack-sensors:Key", AttackKey)
        .With("Collector:Security:Keys:attack-sensors:Role", "Sensor")
        .With("Collector:Security:Keys:attack-sensors:Sensors:0", "attack-*");

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_OneKeyHoldingIdleStreamsBeyondItsShare_IsRefusedWithARetryHint_AndAnotherKeysSensorIsStillAcked()
    {
        using var attackChannel = _collector.ChannelWithKey(AttackKey);
        var attacker = new Wire.Ingestion.IngestionClient(attackChannel);
        var streams = new List<AsyncClientStreamingCall<Wire.ReadingBatch, Wire.UploadAck>>();
        try
        {
            // Every slot of the collector, and then some: each stream sends one tiny batch and idles.
            for (var i = 0; i < Slots + 2; i++)
            {
                var call = attacker.Upload(deadline: DateTime.UtcNow.AddMinutes(1));
                streams.Add(call);
                await WriteIgnoringEndAsync(call, ReadingBatches.Regular($"attack-{i}", 1, count: 1));
            }

            await Eventually.UntilAsync(
                () => streams.Select((call, i) => call.ResponseAsync.IsFaulted || _collector.Stored.Chunks($"attack-{i}") == 1).All(settled => settled),
                "every attacking stream is either refused or holds a slot with its batch stored",
                poll: TimeSpan.FromMilliseconds(20));

            var witness = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("witness", 1, 3));

            var refused = streams.Where(call => call.ResponseAsync.IsFaulted).Select(call => call.ResponseAsync.Exception!.InnerException).OfType<RpcException>().ToList();
            Assert.Equal(3UL, witness.BatchesCommitted);
            Assert.Equal(3, _collector.Stored.Chunks("witness"));
            Assert.Equal(streams.Count - Share, refused.Count);
            Assert.All(refused, error =>
            {
                Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
                Assert.Equal("250", error.Trailers.GetValue("retry-after-ms"));
                Assert.Contains($"the key 'attack-sensors' already holds {Share} upload streams", error.Status.Detail, StringComparison.Ordinal);
            });
            Assert.Equal(
                streams.Count - Share,
                _collector.Services.GetRequiredService<IngestMetrics>().UploadRefusalsByReason().GetValueOrDefault("key_share"));
        }
        finally
        {
            foreach (var call in streams)
            {
                call.Dispose();
            }
        }
    }

    private static async Task WriteIgnoringEndAsync(AsyncClientStreamingCall<Wire.ReadingBatch, Wire.UploadAck> call, Wire.ReadingBatch batch)
    {
        try
        {
            await call.RequestStream.WriteAsync(batch);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // Refused before the batch was read: the response says why.
        }
    }
}
