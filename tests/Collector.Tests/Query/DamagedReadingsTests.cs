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
        await _collector.Ingestion.UploadAsync(Batches.Sequences("query-damaged", 1, 3));
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
}
