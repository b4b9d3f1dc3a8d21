using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Security;

/// <summary>The demo sensor key bound to <c>sim-*</c>, as the root settings have it.</summary>
public sealed class SensorBindingTests : IDisposable
{
    private const string Denied = "key 'demo-sensors' may not send as sensor 'other-1'; it is bound to sim-*";

    private readonly CollectorFactory _collector = new CollectorFactory().With("Collector:Security:Keys:demo-sensors:Sensors:0", "sim-*");

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_AsBoundSensor_IsStored()
    {
        var ack = await _collector.Ingestion.UploadAsync(Batches.Sequences("sim-bound", 1, 3));

        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.Equal(3, _collector.Stored.Chunks("sim-bound"));
    }

    [Fact]
    public async Task Upload_AsSensorOutsideTheKeysPatterns_IsPermissionDeniedAndNothingIsStored()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(Batches.Sequences("other-1", 1, 3)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(Denied, error.Status.Detail);
        Assert.Equal(0, _collector.Stored.Chunks("other-1"));
        Assert.Equal(0, _collector.Stored.Rejects("other-1"));
    }

    [Fact]
    public async Task Upload_SwitchingToAnotherSensorMidStream_IsPermissionDeniedAndThatBatchIsNotStored()
    {
        var batches = Batches.Sequences("sim-switch", 1, 2).Append(Batches.Regular("other-1", 1));

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(batches));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, _collector.Stored.Chunks("other-1"));
    }

    [Theory]
    [InlineData("Greeter")]
    [InlineData("Ingestion")]
    [InlineData("Control")]
    public async Task SensorCall_AsAnotherSensor_IsPermissionDenied(string service)
    {
        var error = await ServiceCalls.FailureAsync(_collector.Channel, service, sensorId: "other-1");

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(Denied, error.Status.Detail);
        Assert.Equal(0, _collector.Stored.Chunks("other-1"));
    }

    [Theory]
    [InlineData("Greeter")]
    [InlineData("Ingestion")]
    [InlineData("Control")]
    public async Task SensorCall_AsBoundSensor_Succeeds(string service) =>
        await ServiceCalls.CallAsync(_collector.Channel, service, sensorId: "sim-call");

    [Fact]
    public async Task Discard_AsAnotherSensor_IsPermissionDenied()
    {
        using var collector = new CollectorFactory()
            .With("Collector:Security:Keys:demo-sensors:Sensors:0", "sim-*")
            .With("Collector:Benchmark:SinkEnabled", "true");
        using var call = new Wire.Sink.SinkClient(collector.Channel).Discard(ServiceDefaults.Grpc.WireProtocol.Headers(), DateTime.UtcNow.AddSeconds(30));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(Batches.Regular("other-1", 1));
            await call.RequestStream.CompleteAsync();
            await call;
        });

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(Denied, error.Status.Detail);
    }
}
