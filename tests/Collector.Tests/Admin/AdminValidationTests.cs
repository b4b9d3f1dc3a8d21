using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Admin;

public sealed class AdminValidationTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task SetConfigOverride_UnknownSetting_IsInvalidArgumentNamingTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.SetAsync(AdminCalls.All(), ("SampleRate", "10")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("unknown setting \"SampleRate\"; known settings: SamplingInterval, BatchSize, BatchMaxAge", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetConfigOverride_ValueOutOfRange_IsInvalidArgumentNamingTheSettingTheValueAndTheWholeAllowedRange()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.SetAsync(AdminCalls.All(), ("SamplingInterval", "5ms")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("SamplingInterval 5ms is out of range: allowed 10ms to 1h", error.Status.Detail);
    }

    [Fact]
    public async Task SetConfigOverride_BatchSizeAboveTheIngestionLimit_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.SetAsync(AdminCalls.All(), ("BatchSize", "10001")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("BatchSize 10001 is out of range: allowed 1 to 10000", error.Status.Detail);
    }

    [Fact]
    public async Task SetConfigOverride_SeveralBadSettings_NamesEveryProblemInOneMessageAndChangesNothing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _collector.Admin.SetAsync(AdminCalls.All(), ("Enabled", "yes"), ("UploadWindowBatches", "0"), ("StatusInterval", "10s")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Enabled \"yes\" is not true or false", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("UploadWindowBatches 0 is out of range: allowed 1 to 10000", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await _collector.Admin.ListConfigOverridesAsync(new Wire.ListConfigOverridesRequest())).Overrides);
    }

    [Fact]
    public async Task SetConfigOverride_NoSettings_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.SetAsync(AdminCalls.All()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("settings is empty", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetConfigOverride_NoScope_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.SetAsync(new Wire.ConfigScope(), ("BatchSize", "10")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("scope: set one of sensor_id, kind or all", error.Status.Detail);
    }

    [Theory]
    [InlineData("sensor", "has space")]
    [InlineData("kind", "no spaces please")]
    [InlineData("kind", "")]
    public async Task SetConfigOverride_BadScopeTarget_IsInvalidArgument(string scope, string target)
    {
        var wireScope = scope == "sensor" ? AdminCalls.Sensor(target) : AdminCalls.Kind(target);

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.SetAsync(wireScope, ("BatchSize", "10")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("scope: ", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveConfigOverride_ScopeWithoutOverride_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.RemoveAsync(AdminCalls.Kind("nothing-set")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("no override is set for kind nothing-set", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveConfigOverride_UnknownSettingName_IsInvalidArgument()
    {
        await _collector.Admin.SetAsync(AdminCalls.All(), ("BatchSize", "10"));

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.RemoveAsync(AdminCalls.All(), "Batchsize", "Colour"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("unknown setting \"Colour\"", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSensorConfig_SensorNeverSeen_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.StateAsync("nobody-here"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("the collector has never seen sensor nobody-here", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendCommand_Unspecified_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _collector.Admin.SendCommandAsync(new Wire.SendCommandRequest { Scope = AdminCalls.All(), Command = Wire.SensorCommandKind.Unspecified }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("SENSOR_COMMAND_KIND_PAUSE", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSensors_BadPattern_IsInvalidArgument()
    {
        var request = new Wire.ListSensorsRequest();
        request.SensorIds.Add("bad pattern");

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Admin.ListSensorsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("sensor_ids[0]", error.Status.Detail, StringComparison.Ordinal);
    }
}
