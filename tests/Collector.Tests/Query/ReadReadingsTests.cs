using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Query;

public sealed class ReadReadingsTests : IDisposable
{
    private readonly CollectorFactory _collector = new CollectorFactory().With("Collector:Ingestion:MaxReadingsPerBatch", "500");

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task ReadReadings_Range_ReturnsExactlyTheUploadedReadingsInOrderInChunksOfTheRequestedSize()
    {
        var batches = ReadingBatches.Seconds("query-a", 1, 5).ToList();
        await _collector.Ingestion.UploadAsync(batches);
        var from = ReadingBatches.Epoch.AddSeconds(1.5);
        var to = ReadingBatches.Epoch.AddSeconds(4.25);

        var chunks = await ReadAsync(new Wire.ReadReadingsRequest
        {
            SensorId = "query-a",
            From = Timestamp.FromDateTimeOffset(from),
            To = Timestamp.FromDateTimeOffset(to),
            MaxReadingsPerChunk = 64,
        });

        var expected = batches.SelectMany(Unpack).Where(r => r.Micros >= Micros(from) && r.Micros < Micros(to)).ToList();
        Assert.Equal(275, expected.Count);
        Assert.Equal(expected, chunks.SelectMany(c => Unpack(c.Readings)));
        Assert.All(chunks, c => Assert.Equal("query-a", c.SensorId));
        Assert.Equal([64, 64, 64, 64, 19], chunks.Select(c => c.Readings.Values.Count));
    }

    [Fact]
    public async Task ReadReadings_BatchesSentOutOfTimeOrder_ComeBackMergedInTimeOrder()
    {
        var late = ReadingBatches.Second("query-merge", 1, second: 3, count: 50);
        var early = ReadingBatches.Second("query-merge", 2, second: 2, count: 50, offset: 1000);
        var interleaved = ReadingBatches.Second("query-merge", 3, second: 2, count: 50, offset: 2000);
        interleaved.Readings.BaseTimeUnixMicros += 5_000;
        await _collector.Ingestion.UploadAsync([late, early, interleaved]);

        var readings = (await ReadAsync(new Wire.ReadReadingsRequest { SensorId = "query-merge" })).SelectMany(c => Unpack(c.Readings)).ToList();

        Assert.Equal(150, readings.Count);
        Assert.Equal(readings.OrderBy(r => r.Micros).ToList(), readings);
        Assert.Equal([1000.0, 2000, 1001, 2001], readings.Take(4).Select(r => r.Value));
    }

    [Fact]
    public async Task ReadReadings_NoChunkSize_UsesTheDefaultCappedAtTheBatchLimit()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Seconds("query-cap", 1, 12));

        var unset = await ReadAsync(new Wire.ReadReadingsRequest { SensorId = "query-cap" });
        var tooMany = await ReadAsync(new Wire.ReadReadingsRequest { SensorId = "query-cap", MaxReadingsPerChunk = 1_000_000 });

        Assert.Equal([500, 500, 200], unset.Select(c => c.Readings.Values.Count));
        Assert.Equal([500, 500, 200], tooMany.Select(c => c.Readings.Values.Count));
    }

    [Fact]
    public async Task ReadReadings_UnknownSensor_IsAnEmptyStream() =>
        Assert.Empty(await ReadAsync(new Wire.ReadReadingsRequest { SensorId = "query-nobody" }));

    [Fact]
    public async Task ReadReadings_BadSensorId_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(new Wire.ReadReadingsRequest { SensorId = "no spaces" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("sensor_id 'no spaces'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadReadings_EmptyRange_IsInvalidArgument()
    {
        var at = Timestamp.FromDateTimeOffset(ReadingBatches.Epoch);

        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(new Wire.ReadReadingsRequest { SensorId = "query-a", From = at, To = at }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("is empty", error.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<List<Wire.ReadingsChunk>> ReadAsync(Wire.ReadReadingsRequest request)
    {
        using var call = _collector.Query.ReadReadings(request, deadline: DateTime.UtcNow.AddSeconds(30));
        var chunks = new List<Wire.ReadingsChunk>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static long Micros(DateTimeOffset at) => at.ToUnixTimeMilliseconds() * 1000;

    private static IEnumerable<(long Micros, double Value)> Unpack(Wire.ReadingBatch batch) => Unpack(batch.Readings);

    private static IEnumerable<(long Micros, double Value)> Unpack(Wire.PackedReadings readings)
    {
        var time = readings.BaseTimeUnixMicros;
        for (var i = 0; i < readings.Values.Count; i++)
        {
            time += readings.TimeDeltasMicros[i];
            yield return (time, readings.Values[i]);
        }
    }
}
