using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Admin;

public sealed class AdminOverrideTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task SetConfigOverride_KindAndSensorAndAll_TheMostSpecificThatSetsASettingWins()
    {
        await GreetAsync(("pr-1", "alpha"), ("pr-2", "alpha"), ("pr-3", "beta"));

        var byKind = await _collector.Admin.SetAsync(AdminCalls.Kind("alpha"), ("SamplingInterval", "100ms"));
        var bySensor = await _collector.Admin.SetAsync(AdminCalls.Sensor("pr-1"), ("SamplingInterval", "200ms"));
        var forAll = await _collector.Admin.SetAsync(AdminCalls.All(), ("SamplingInterval", "1s"), ("BatchSize", "300"));

        Assert.Equal((2U, 1U, 3U), (byKind.SensorsAffected, bySensor.SensorsAffected, forAll.SensorsAffected));
        Assert.True(byKind.Version < bySensor.Version && bySensor.Version < forAll.Version);
        Assert.Equal(TimeSpan.FromMilliseconds(200), await SamplingAsync("pr-1"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), await SamplingAsync("pr-2"));
        Assert.Equal(TimeSpan.FromSeconds(1), await SamplingAsync("pr-3"));
        Assert.All(await ListAsync(), s => Assert.Equal(300U, s.Desired.BatchSize));

        var removed = await _collector.Admin.RemoveAsync(AdminCalls.Sensor("pr-1"));
        Assert.Equal(1U, removed.SensorsAffected);
        Assert.Equal(TimeSpan.FromMilliseconds(100), await SamplingAsync("pr-1"));
    }

    [Fact]
    public async Task SetConfigOverride_SameValuesAgain_AffectsNoSensorAndReportsVersionZero()
    {
        await GreetAsync(("same-1", "k"));
        await _collector.Admin.SetAsync(AdminCalls.Kind("k"), ("BatchSize", "42"));

        var again = await _collector.Admin.SetAsync(AdminCalls.Kind("k"), ("batchsize", "42"));

        Assert.Equal((0U, 0UL), (again.SensorsAffected, again.Version));
    }

    [Fact]
    public async Task GetSensorConfig_ListsTheOverridesThatApply_MostGeneralFirst_WithCanonicalNamesAndValues()
    {
        await GreetAsync(("ov-1", "gamma"));
        await _collector.Admin.SetAsync(AdminCalls.Sensor("ov-1"), ("uploadwindowduration", "00:00:02.500"));
        await _collector.Admin.SetAsync(AdminCalls.All(), ("Enabled", "False"));
        await _collector.Admin.SetAsync(AdminCalls.Kind("gamma"), ("BatchMaxAge", "2m"));
        await _collector.Admin.SetAsync(AdminCalls.Kind("other"), ("BatchMaxAge", "1m"));

        var state = await _collector.Admin.StateAsync("ov-1");

        Assert.Equal(
            [Wire.ConfigScope.TargetOneofCase.All, Wire.ConfigScope.TargetOneofCase.Kind, Wire.ConfigScope.TargetOneofCase.SensorId],
            state.Overrides.Select(o => o.Scope.TargetCase));
        Assert.Equal("false", state.Overrides[0].Settings["Enabled"]);
        Assert.Equal("2m", state.Overrides[1].Settings["BatchMaxAge"]);
        Assert.Equal("2500ms", state.Overrides[2].Settings["UploadWindowDuration"]);
        Assert.Equal((false, Duration.FromTimeSpan(TimeSpan.FromMinutes(2)), Duration.FromTimeSpan(TimeSpan.FromMilliseconds(2500))),
            (state.Desired.Enabled, state.Desired.BatchMaxAge, state.Desired.UploadWindowDuration));
        Assert.Equal(Wire.ConfigState.Pending, state.State);
    }

    [Fact]
    public async Task ListConfigOverrides_AllFirstThenKindsThenSensorsEachByName()
    {
        await _collector.Admin.SetAsync(AdminCalls.Sensor("s-b"), ("BatchSize", "1"));
        await _collector.Admin.SetAsync(AdminCalls.Kind("kz"), ("BatchSize", "2"));
        await _collector.Admin.SetAsync(AdminCalls.Sensor("s-a"), ("BatchSize", "3"));
        await _collector.Admin.SetAsync(AdminCalls.All(), ("BatchSize", "4"));
        await _collector.Admin.SetAsync(AdminCalls.Kind("ka"), ("BatchSize", "5"));

        var reply = await _collector.Admin.ListConfigOverridesAsync(new Wire.ListConfigOverridesRequest());

        Assert.Equal(["all", "ka", "kz", "s-a", "s-b"], reply.Overrides.Select(o => o.Scope.All ? "all" : o.Scope.Kind + o.Scope.SensorId));
        Assert.All(reply.Overrides, o => Assert.NotNull(o.UpdatedAt));
    }

    [Fact]
    public async Task RemoveConfigOverride_SomeSettings_KeepsTheOthers()
    {
        await GreetAsync(("rm-1", "k"));
        await _collector.Admin.SetAsync(AdminCalls.Sensor("rm-1"), ("BatchSize", "7"), ("SamplingInterval", "1s"));

        var reply = await _collector.Admin.RemoveAsync(AdminCalls.Sensor("rm-1"), "batchSize");

        var state = await _collector.Admin.StateAsync("rm-1");
        Assert.Equal(1U, reply.SensorsAffected);
        Assert.Equal((100U, 1L), (state.Desired.BatchSize, state.Desired.SamplingInterval.Seconds));
        Assert.Equal(["SamplingInterval"], state.Overrides.Single().Settings.Keys);
    }

    [Fact]
    public async Task ListSensors_FiltersByPatternAndKind_OrderedById()
    {
        await GreetAsync(("ls-b", "t"), ("ls-a", "t"), ("ls-c", "h"), ("other", "t"));
        var request = new Wire.ListSensorsRequest();
        request.SensorIds.Add("ls-*");
        request.Kinds.Add("t");

        var reply = await _collector.Admin.ListSensorsAsync(request);

        Assert.Equal(["ls-a", "ls-b"], reply.Sensors.Select(s => s.SensorId));
        Assert.All(reply.Sensors, s => Assert.Empty(s.Overrides));
    }

    [Fact]
    public async Task Greet_ReturnsTheSensorsDesiredVersion_WhichAnOverrideRaises()
    {
        var first = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("gv-1"));
        var reply = await _collector.Admin.SetAsync(AdminCalls.Sensor("gv-1"), ("BatchSize", "50"));
        var again = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("gv-1"));

        Assert.True(first.DesiredConfigVersion > 0);
        Assert.Equal(reply.Version, again.DesiredConfigVersion);
        Assert.Equal(again.DesiredConfigVersion, (await _collector.Admin.StateAsync("gv-1")).DesiredVersion);
    }

    [Fact]
    public async Task Greet_SensorChangesKind_GetsTheNewKindsOverride()
    {
        await _collector.Admin.SetAsync(AdminCalls.Kind("newkind"), ("BatchSize", "77"));
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("kc-1", kind: "oldkind"));

        var reply = await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("kc-1", kind: "newkind"));

        var state = await _collector.Admin.StateAsync("kc-1");
        Assert.Equal(("newkind", 77U, reply.DesiredConfigVersion), (state.Kind, state.Desired.BatchSize, state.DesiredVersion));
    }

    [Fact]
    public async Task SetConfigOverride_StorageFails_IsUnavailableAndNothingChanges()
    {
        SwitchableConfigStore? store = null;
        using var collector = new CollectorFactory().WithServices(services =>
        {
            services.RemoveAll<IConfigStore>();
            services.AddSingleton<IConfigStore>(provider =>
                store = new SwitchableConfigStore(ActivatorUtilities.CreateInstance<SqliteConfigStore>(provider)));
        });
        await collector.Greeter.GreetAsync(IngestionCalls.Greeting("fail-1"));
        var before = await collector.Admin.StateAsync("fail-1");
        store!.Failing = true;

        var error = await Assert.ThrowsAsync<RpcException>(() => collector.Admin.SetAsync(AdminCalls.Sensor("fail-1"), ("BatchSize", "9")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("disk I/O error (injected)", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await collector.Admin.StateAsync("fail-1"));
        Assert.Empty((await collector.Admin.ListConfigOverridesAsync(new Wire.ListConfigOverridesRequest())).Overrides);

        store.Failing = false;
        var reply = await collector.Admin.SetAsync(AdminCalls.Sensor("fail-1"), ("BatchSize", "9"));
        Assert.Equal(before.DesiredVersion + 1, reply.Version);
    }

    private async Task GreetAsync(params (string SensorId, string Kind)[] sensors)
    {
        foreach (var (sensorId, kind) in sensors)
        {
            await _collector.Greeter.GreetAsync(IngestionCalls.Greeting(sensorId, kind));
        }
    }

    private async Task<TimeSpan> SamplingAsync(string sensorId) => (await _collector.Admin.StateAsync(sensorId)).Desired.SamplingInterval.ToTimeSpan();

    private async Task<List<Wire.SensorConfigState>> ListAsync() => [.. (await _collector.Admin.ListSensorsAsync(new Wire.ListSensorsRequest())).Sensors];
}
