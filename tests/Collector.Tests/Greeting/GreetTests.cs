using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Greeting;

public sealed class GreetTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Greet_NewSensor_IsAcceptedAndStartsAtSequenceOne()
    {
        var reply = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("greet-new"));

        Assert.True(reply.Accepted);
        Assert.Equal(0UL, reply.CommittedSequence);
        Assert.NotEmpty(reply.CollectorInstanceId);
        Assert.NotEmpty(reply.CollectorVersion);
        Assert.InRange(reply.ServerTime.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Contains("sequence 1", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Greet_AfterUpload_ReportsTheCommittedSequenceToResumeFrom()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("greet-resume", 1, 7));

        var reply = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("greet-resume"));

        Assert.Equal(7UL, reply.CommittedSequence);
        Assert.Contains("resume after sequence 7", reply.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    [InlineData(99u)]
    public async Task Greet_ProtocolVersionNotSpoken_FailsPreconditionAndCollectorKeepsServing(uint version)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Greeter.GreetAsync(IngestionCalls.Greeting("greet-proto", protocol: version)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains($"protocol version {version}", error.Status.Detail, StringComparison.Ordinal);
        await _collector.AssertStillServingAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("ünïcode")]
    public async Task Greet_BadSensorId_IsInvalidArgumentAndCollectorKeepsServing(string sensorId)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Greeter.GreetAsync(IngestionCalls.Greeting(sensorId)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("sensor_id", error.Status.Detail, StringComparison.Ordinal);
        await _collector.AssertStillServingAsync();
    }

    [Fact]
    public async Task Greet_SensorIdTooLong_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Greeter.GreetAsync(IngestionCalls.Greeting(new string('x', 129))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("at most 128", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Greet_BadKind_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Greeter.GreetAsync(IngestionCalls.Greeting("greet-kind", kind: "no spaces please")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("kind", error.Status.Detail, StringComparison.Ordinal);
    }
}
