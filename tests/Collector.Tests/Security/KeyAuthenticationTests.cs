using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Ingest.Collector.Tests.Security;

public sealed class KeyAuthenticationTests : IDisposable
{
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public KeyAuthenticationTests() => _collector = new CollectorFactory().WithLogs(_logs);

    public void Dispose() => _collector.Dispose();

    [Theory]
    [MemberData(nameof(ServiceCalls.Services), MemberType = typeof(ServiceCalls))]
    public async Task Call_WithoutKey_IsUnauthenticated(string service)
    {
        using var channel = _collector.ChannelWithKey(null);

        var error = await ServiceCalls.FailureAsync(channel, service);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.StartsWith("no key: send 'authorization: Bearer <key>'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServiceCalls.Services), MemberType = typeof(ServiceCalls))]
    public async Task Call_WithUnknownKey_IsUnauthenticated(string service)
    {
        using var channel = _collector.ChannelWithKey("not-a-configured-key");

        var error = await ServiceCalls.FailureAsync(channel, service);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.StartsWith("unknown key", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-configured-key", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServiceCalls.Services), MemberType = typeof(ServiceCalls))]
    public async Task Call_WithMalformedAuthorizationHeader_IsUnauthenticated(string service)
    {
        using var channel = _collector.ChannelWithKey(null);

        foreach (var header in new[] { $"Basic {TestKeys.Admin}", "Bearer ", TestKeys.Admin })
        {
            var error = await ServiceCalls.FailureAsync(channel, service, new Metadata { { "authorization", header } });

            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
            Assert.StartsWith("malformed authorization header", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ManyRefusedCalls_LogOneWarningCountingThem_AndNoLinePerCallAtAnyLevel()
    {
        const int calls = 5;
        using var channel = _collector.ChannelWithKey("not-a-configured-key");

        for (var i = 0; i < calls; i++)
        {
            await ServiceCalls.FailureAsync(channel, "Greeter");
        }

        var warning = Assert.Single(_logs.From("Ingest."), e => e.Message.Contains("unauthenticated", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("Calls refused (unauthenticated): 1 since the last such warning", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_WithViewerKey_IsPermissionDeniedNamingTheKeyAndTheRoleNeeded()
    {
        using var channel = _collector.ChannelWithKey(TestKeys.Viewer);

        var error = await Assert.ThrowsAsync<RpcException>(() => new Protocol.V1.Admin.AdminClient(channel).SetAsync(AdminCalls.All(), ("BatchSize", "50")));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("the viewer key 'demo-viewer' may not call Admin.SetConfigOverride; it needs an admin key", error.Status.Detail);
    }

    [Fact]
    public async Task Upload_WithViewerKey_IsPermissionDenied()
    {
        using var channel = _collector.ChannelWithKey(TestKeys.Viewer);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Protocol.V1.Ingestion.IngestionClient(channel).UploadAsync(ReadingBatches.Sequences("sim-viewer", 1, 2)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("it needs a sensor key", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Chunks("sim-viewer"));
    }

    [Fact]
    public async Task Subscribe_WithSensorKey_IsPermissionDenied()
    {
        using var channel = _collector.ChannelWithKey(TestKeys.Sensor);

        var error = await ServiceCalls.FailureAsync(channel, "Aggregates");

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("the sensor key 'demo-sensors' may not call Aggregates.Subscribe; it needs a viewer or admin key", error.Status.Detail);
    }

    [Theory]
    [InlineData("Aggregates")]
    [InlineData("Query")]
    [InlineData("Admin")]
    public async Task ViewerCalls_WithAdminKey_Succeed(string service)
    {
        using var channel = _collector.ChannelWithKey(TestKeys.Admin);

        await ServiceCalls.CallAsync(channel, service);
    }

    [Theory]
    [InlineData("Aggregates")]
    [InlineData("Query")]
    public async Task ViewerCalls_WithViewerKey_Succeed(string service)
    {
        using var channel = _collector.ChannelWithKey(TestKeys.Viewer);

        await ServiceCalls.CallAsync(channel, service);
    }

    [Theory]
    [InlineData(TestKeys.Viewer)]
    [InlineData(TestKeys.Admin)]
    public async Task Greet_WithViewerOrAdminKey_IsAHandshakeThatRegistersNothing(string key)
    {
        using var channel = _collector.ChannelWithKey(key);

        var reply = await new Protocol.V1.Greeter.GreeterClient(channel).GreetAsync(IngestionCalls.Greeting("dashboard-host", kind: "dashboard"));

        Assert.True(reply.Accepted);
        Assert.False(string.IsNullOrEmpty(reply.CollectorInstanceId));
        Assert.Equal(0UL, reply.CommittedSequence);
        Assert.Equal(0UL, reply.DesiredConfigVersion);
        var sensors = await new Protocol.V1.Admin.AdminClient(_collector.Channel).ListSensorsAsync(new Protocol.V1.ListSensorsRequest());
        Assert.DoesNotContain(sensors.Sensors, sensor => sensor.SensorId == "dashboard-host");
    }
}
