using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Query;

public sealed class DamagedReadingsTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task ReadReadings_RowsOnADamagedPage_IsDataLossNamingTheSensor_NotUnavailable()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("query-damaged", 1, 3));
        FileDamage.BreakRootPage(_collector.DatabasePath, "chunks");

        using var call = _collector.Query.ReadReadings(new Wire.ReadReadingsRequest { SensorId = "query-damaged" }, deadline: DateTime.UtcNow.AddSeconds(30));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var chunk in call.ResponseStream.ReadAllAsync())
            {
                Assert.Fail("a reading came from the damaged page");
            }
        });

        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.StartsWith("the stored readings of sensor 'query-damaged' are in a damaged part of the collector's database", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("malformed", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadReadings_AChunkWhoseValuesNoLongerMatchItsChecksum_IsDataLossNamingTheSensorAndSequence()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("query-tampered", 1, 3));

        // One bit of the last value flipped: the chunk still decodes, to a wrong reading, which only the checksum tells.
        var sqlite = new SqliteFile(_collector.DatabasePath);
        var readings = (byte[])sqlite.Scalar("SELECT readings FROM chunks WHERE sensor_id = 'query-tampered' AND sequence = 2")!;
        readings[^1] ^= 0x01;
        sqlite.Execute($"UPDATE chunks SET readings = x'{Convert.ToHexString(readings)}' WHERE sensor_id = 'query-tampered' AND sequence = 2");

        using var call = _collector.Query.ReadReadings(new Wire.ReadReadingsRequest { SensorId = "query-tampered" }, deadline: DateTime.UtcNow.AddSeconds(30));
        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var chunk in call.ResponseStream.ReadAllAsync())
            {
                received += chunk.Readings.Values.Count;
            }
        });

        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.Contains("Chunk 2 of sensor 'query-tampered' is corrupt: its readings do not match the checksum stored with them", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(received <= 100, $"{received} readings came back, more than the chunk before the tampered one holds");
    }
}
