using Grpc.Core;
using Grpc.Health.V1;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class DamagedStorageUploadTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_IntoADamagedPage_IsDataLossNamingTheSensor_NoAck_HealthNotServing()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("upload-damaged", 1, 2));
        FileDamage.BreakRootPage(_collector.DatabasePath, "chunks");

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("upload-damaged", 3, 4)));

        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.StartsWith("batches of sensor 'upload-damaged' cannot be stored: the collector's database is damaged (SQLite Error 11", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2UL, (await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("upload-damaged"))).CommittedSequence);
        var health = await new Grpc.Health.V1.Health.HealthClient(_collector.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, health.Status);
    }
}
