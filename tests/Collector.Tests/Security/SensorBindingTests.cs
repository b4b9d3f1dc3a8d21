using Grpc.Core;
using Ingest.Collector.Model;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Security;

/// <summary>The demo sensor key bound to <c>sim-*</c>, as the root settings have it.</summary>
public sealed class SensorBindingTests : IDisposable
{
    private const string Denied = "key 'demo-sensors' may not send as sensor 'other-1'; it is bound to sim-*";

    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public SensorBindingTests() =>
        _collector = new CollectorFactory()
            .With("Collector:Security:Keys:demo-sensors:Sensors:0", "sim-*")
            .With("Collector:Benchmark:SinkEnabled", "true")
            .WithLogs(_logs);

    public void Dispose() => _collector.Dispose();

    public static TheoryData<string, string> BadIds()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in new[] { "Upload", "Write", "Discard" })
        {
            data.Add(service, "");
            data.Add(service, "other-" + new string('x', 100 * SensorId.MaxLength));
            data.Add(service, "other 1");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Batch_WithAnInvalidSensorIdFromASensorKey_IsInvalidArgument_AndTheIdIsNeverEchoedInFull(string service, string sensorId)
    {
        var batch = ReadingBatches.Regular(sensorId, 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => service switch
        {
            "Upload" => _collector.Ingestion.UploadAsync([batch]),
            "Write" => _collector.Ingestion.WriteAsync(batch, Ingest.Protocol.WireProtocol.Headers()).ResponseAsync,
            _ => DiscardAsync(batch),
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("sensor_id", error.Status.Detail, StringComparison.Ordinal);
        if (sensorId.Length > SensorId.MaxLength)
        {
            var echo = sensorId[..(SensorId.MaxLength + 1)];
            Assert.DoesNotContain(echo, error.Status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains(echo, StringComparison.Ordinal));
        }
    }

    private async Task<Wire.UploadAck> DiscardAsync(Wire.ReadingBatch batch)
    {
        using var call = new Wire.Sink.SinkClient(_collector.Channel).Discard(Ingest.Protocol.WireProtocol.Headers(), DateTime.UtcNow.AddSeconds(30));
        await call.RequestStream.WriteAsync(batch);
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    [Fact]
    public async Task Upload_AsBoundSensor_IsStored()
    {
        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("sim-bound", 1, 3));

        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.Equal(3, _collector.Stored.Chunks("sim-bound"));
    }

    [Fact]
    public async Task Upload_AsSensorOutsideTheKeysPatterns_IsPermissionDeniedAndNothingIsStored()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("other-1", 1, 3)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(Denied, error.Status.Detail);
        Assert.Equal(0, _collector.Stored.Chunks("other-1"));
        Assert.Equal(0, _collector.Stored.Rejects("other-1"));
    }

    [Fact]
    public async Task Upload_SwitchingToAnotherSensorMidStream_IsPermissionDeniedAndThatBatchIsNotStored()
    {
        var batches = ReadingBatches.Sequences("sim-switch", 1, 2).Append(ReadingBatches.Regular("other-1", 1));

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
        using var call = new Wire.Sink.SinkClient(collector.Channel).Discard(Ingest.Protocol.WireProtocol.Headers(), DateTime.UtcNow.AddSeconds(30));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(ReadingBatches.Regular("other-1", 1));
            await call.RequestStream.CompleteAsync();
            await call;
        });

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(Denied, error.Status.Detail);
    }
}
