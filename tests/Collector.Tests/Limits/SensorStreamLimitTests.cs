using System.Globalization;
using Grpc.Core;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Limits;

public sealed class SensorStreamLimitTests : IDisposable
{
    private const int Limit = 4;
    private const string Sensor = "streams-1";
    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Ingestion:MaxUploadStreamsPerSensor", Limit.ToString(CultureInfo.InvariantCulture))
        .With("Collector:Ingestion:RetryAfter", "00:00:00.250");

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_OneStreamMoreThanTheSensorLimit_IsResourceExhausted_AndAllowedAgainOnceOneEnds()
    {
        var open = new List<AsyncClientStreamingCall<Wire.ReadingBatch, Wire.UploadAck>>();
        try
        {
            for (var i = 1; i <= Limit; i++)
            {
                var call = _collector.Ingestion.Upload(deadline: DateTime.UtcNow.AddSeconds(30));
                open.Add(call);
                await call.RequestStream.WriteAsync(ReadingBatches.Regular(Sensor, (ulong)i));

                // One at a time: a later sequence committed first would make this one a duplicate.
                var stored = i;
                await Eventually.UntilAsync(() => _collector.Stored.Chunks(Sensor) == stored, $"stream {i}'s first batch is stored", poll: TimeSpan.FromMilliseconds(20));
            }

            var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync([ReadingBatches.Regular(Sensor, Limit + 1)]));

            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Contains($"sensor {Sensor} already has {Limit} upload streams open", error.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("MaxUploadStreamsPerSensor", error.Status.Detail, StringComparison.Ordinal);
            Assert.Equal("250", error.Trailers.GetValue("retry-after-ms"));
            Assert.Equal(Limit, _collector.Stored.Chunks(Sensor));

            // Another sensor is not affected.
            await _collector.AssertStillServingAsync();

            await open[0].RequestStream.CompleteAsync();
            Assert.Equal(1UL, (await open[0]).BatchesCommitted);

            var ack = await _collector.Ingestion.UploadAsync([ReadingBatches.Regular(Sensor, Limit + 1)]);
            Assert.Equal(1UL, ack.BatchesCommitted);
        }
        finally
        {
            foreach (var call in open)
            {
                call.Dispose();
            }
        }

        await Eventually.UntilAsync(() => _collector.Services.GetRequiredService<SensorStreamLimit>().SensorCount == 0,
            "every stream slot is given back and its entry removed", poll: TimeSpan.FromMilliseconds(20));
    }
}
