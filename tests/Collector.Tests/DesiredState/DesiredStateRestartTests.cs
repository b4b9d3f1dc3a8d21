using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.DesiredState;

public sealed class DesiredStateRestartTests : IDisposable
{
    private readonly TempDirectory _directory = new("desired-restart");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Restart_OverridesAndVersionsSurvive_AndNewVersionsKeepRising()
    {
        Wire.ConfigOverrideReply set;
        using (var first = new CollectorFactory(_directory.Path))
        {
            await first.Greeter.GreetAsync(IngestionCalls.Greeting("rs-1", "warm"));
            await first.Greeter.GreetAsync(IngestionCalls.Greeting("rs-2", "warm"));
            await first.Admin.SetAsync(AdminCalls.Kind("warm"), ("BatchSize", "250"));
            set = await first.Admin.SetAsync(AdminCalls.Sensor("rs-1"), ("SamplingInterval", "40ms"));
        }

        using var restarted = new CollectorFactory(_directory.Path);
        var overrides = await restarted.Admin.ListConfigOverridesAsync(new Wire.ListConfigOverridesRequest());
        var state = await restarted.Admin.StateAsync("rs-1");
        var greeted = await restarted.Greeter.GreetAsync(IngestionCalls.Greeting("rs-1", "warm"));
        var next = await restarted.Admin.SetAsync(AdminCalls.Sensor("rs-2"), ("BatchSize", "260"));
        var brandNew = await restarted.Greeter.GreetAsync(IngestionCalls.Greeting("rs-3", "warm"));

        Assert.Equal(["warm", "rs-1"], overrides.Overrides.Select(o => o.Scope.Kind + o.Scope.SensorId));
        Assert.Equal((set.Version, 250U, 40_000_000), (state.DesiredVersion, state.Desired.BatchSize, state.Desired.SamplingInterval.Nanos));
        Assert.Equal(set.Version, greeted.DesiredConfigVersion);
        Assert.Equal(set.Version + 1, next.Version);
        // A sensor first seen takes the current version, which is never below one given before the restart.
        Assert.Equal(next.Version, brandNew.DesiredConfigVersion);
        Assert.Equal(250U, (await restarted.Admin.StateAsync("rs-3")).Desired.BatchSize);
    }

    [Fact]
    public async Task Restart_WithChangedDefaults_GivesTheChangedSensorsANewHigherVersion()
    {
        ulong before;
        using (var first = new CollectorFactory(_directory.Path))
        {
            before = (await first.Greeter.GreetAsync(IngestionCalls.Greeting("rd-1"))).DesiredConfigVersion;
        }

        using var restarted = new CollectorFactory(_directory.Path).With("Collector:Control:Defaults:BatchSize", "123");
        var state = await restarted.Admin.StateAsync("rd-1");

        Assert.Equal((before + 1, 123U), (state.DesiredVersion, state.Desired.BatchSize));
    }
}
