using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Storage.Postgres;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.Storage.Postgres;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.DesiredState;

/// <summary>
/// Two in-process collectors, A and B, on one real PostgreSQL database: a configuration change made through either
/// reaches the sensors connected to the other within 2 s (LISTEN/NOTIFY on <see cref="PostgresConfigStore.Channel"/>),
/// also after the listening connection was cut, and also for a sensor that one collector registered while the other
/// changed its kind.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConfigChangeAcrossCollectorsTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The promise: a change made through any collector reaches sensors on every collector within this.</summary>
    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(2);

    private string _database = "";
    private CollectorFactory _a = null!;
    private CollectorFactory _b = null!;

    public async Task InitializeAsync()
    {
        _database = "config_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await server.CreateDatabaseAsync(_database);
        _a = new CollectorFactory().WithPostgres(connectionString);
        _b = new CollectorFactory().WithPostgres(connectionString);

        // Started one after the other, as an operator would; each creates its channel (and host) on first use.
        await _a.Admin.ListConfigOverridesAsync(new Wire.ListConfigOverridesRequest());
        await _b.Admin.ListConfigOverridesAsync(new Wire.ListConfigOverridesRequest());
        await Eventually.UntilAsync(async () => await ListenersAsync() == 2, "both collectors listen for configuration changes");
    }

    public Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("sensor")]
    [InlineData("kind")]
    public async Task SetOverrideThroughA_ReachesTheSensorConnectedToBWithinTwoSeconds(string scope)
    {
        var sensorId = "xc-set-" + scope;
        using var link = await ConnectInSyncAsync(_b, sensorId, "thermo");
        await KnownToAsync(_a, sensorId);

        var (reply, update, delay) = await ChangeAndMeasureAsync(
            link, () => _a.Admin.SetAsync(scope == "sensor" ? AdminCalls.Sensor(sensorId) : AdminCalls.Kind("thermo"), ("SamplingInterval", "70ms")));

        output.WriteLine($"{scope} override set through A, pushed by B {delay.TotalMilliseconds:F1} ms after A's reply");
        Assert.Equal(1U, reply.SensorsAffected);
        Assert.Equal(reply.Version, update.Version);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMilliseconds(70)), update.Config.SamplingInterval);
        Assert.True(delay < Promised, $"B pushed the change {delay.TotalMilliseconds:F0} ms after A's reply");
        var state = await _b.Admin.StateAsync(sensorId);
        Assert.Equal((reply.Version, update.Hash), (state.DesiredVersion, state.DesiredHash));
        Assert.Equal(update.Config, state.Desired);
    }

    [Fact]
    public async Task RemoveOverrideThroughB_ReachesTheSensorConnectedToAWithinTwoSeconds()
    {
        using var link = await ConnectInSyncAsync(_a, "xc-remove", "thermo");
        var initial = await _a.Admin.StateAsync("xc-remove");
        var set = await _a.Admin.SetAsync(AdminCalls.Sensor("xc-remove"), ("BatchSize", "321"));
        await link.AckAsync((await link.NextUpdateAsync()).Version);
        await Eventually.UntilAsync(async () => (await _b.Admin.StateAsync("xc-remove")).DesiredVersion == set.Version, "B has taken in A's override");

        var (reply, update, delay) = await ChangeAndMeasureAsync(link, () => _b.Admin.RemoveAsync(AdminCalls.Sensor("xc-remove")));

        output.WriteLine($"sensor override removed through B, pushed by A {delay.TotalMilliseconds:F1} ms after B's reply");
        Assert.Equal(1U, reply.SensorsAffected);
        Assert.True(reply.Version > set.Version);
        Assert.Equal(reply.Version, update.Version);
        Assert.Equal(initial.Desired.BatchSize, update.Config.BatchSize);
        Assert.True(delay < Promised, $"A pushed the removal {delay.TotalMilliseconds:F0} ms after B's reply");
        Assert.Equal(reply.Version, (await _a.Admin.StateAsync("xc-remove")).DesiredVersion);
    }

    [Fact]
    public async Task ListenConnectionTerminated_TheWatchListensAgainAndChangesThroughAStillReachB()
    {
        using var link = await ConnectInSyncAsync(_b, "xc-relisten", "thermo");
        await KnownToAsync(_a, "xc-relisten");

        var terminated = await server.PsqlAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database}' AND query LIKE 'LISTEN%'");
        var missed = await _a.Admin.SetAsync(AdminCalls.Sensor("xc-relisten"), ("BatchSize", "111"));
        var caughtUp = await link.NextUpdateAsync();
        await link.AckAsync(caughtUp.Version);
        await Eventually.UntilAsync(async () => await ListenersAsync() == 2, "both collectors listen again");
        var (next, update, delay) = await ChangeAndMeasureAsync(link, () => _a.Admin.SetAsync(AdminCalls.Sensor("xc-relisten"), ("BatchSize", "222")));

        output.WriteLine($"after the LISTEN connections were terminated, the next change was pushed by B {delay.TotalMilliseconds:F1} ms after A's reply");
        Assert.Equal(["t", "t"], terminated.Split('\n'));
        Assert.Equal((missed.Version, 111U), (caughtUp.Version, caughtUp.Config.BatchSize));
        Assert.Equal((next.Version, 222U), (update.Version, update.Config.BatchSize));
        Assert.True(delay < Promised, $"B pushed the change {delay.TotalMilliseconds:F0} ms after A's reply");
    }

    [Fact]
    public async Task SensorRegisteredOnBWhileAChangesItsKind_GetsTheChange()
    {
        // With both listeners cut, B's registration and A's change cross unseen, so that A versions none of the kind's
        // sensors. The listeners come back after PostgresConfigStore.RelistenDelay (1 s) and reload: on a slow machine A
        // may learn the sensor before its change, and then the crossing did not happen; such a round is made again with a
        // new kind, a few times at most.
        for (var round = 1; ; round++)
        {
            var kind = $"crossed{round}";
            await server.PsqlAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database}' AND query LIKE 'LISTEN%'");
            using var link = await ControlLink.ConnectAsync(_b, $"xc-crossed-{round}", kind);
            var registered = await link.NextUpdateAsync();
            await link.AckAsync(registered.Version);
            var reply = await _a.Admin.SetAsync(AdminCalls.Kind(kind), ("SamplingInterval", "80ms"));
            if (reply.SensorsAffected != 0 && round < 5)
            {
                output.WriteLine($"round {round}: A had heard of the sensor before its change; again with a new kind");
                continue;
            }

            var update = await link.NextUpdateAsync();

            Assert.Equal(0U, reply.SensorsAffected);
            Assert.True(update.Version > registered.Version);
            Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMilliseconds(80)), update.Config.SamplingInterval);
            await Eventually.UntilAsync(
                async () => await StateOrNullAsync(_a, $"xc-crossed-{round}") is { } state && state.DesiredVersion == update.Version && state.DesiredHash == update.Hash,
                "A holds the version B gave");
            return;
        }
    }

    /// <summary>The sensor's configuration state on <paramref name="collector"/>; null while it has not heard of the sensor yet.</summary>
    private static async Task<Wire.SensorConfigState?> StateOrNullAsync(CollectorFactory collector, string sensorId)
    {
        try
        {
            return await collector.Admin.StateAsync(sensorId);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Makes a change, and measures from its reply to the push of it on <paramref name="link"/>.</summary>
    private static async Task<(Wire.ConfigOverrideReply Reply, Wire.ConfigUpdate Update, TimeSpan Delay)> ChangeAndMeasureAsync(
        ControlLink link, Func<Task<Wire.ConfigOverrideReply>> change)
    {
        var pushed = Task.Run(async () =>
        {
            var update = await link.NextUpdateAsync();
            return (Update: update, At: Stopwatch.GetTimestamp());
        });
        var reply = await change();
        var repliedAt = Stopwatch.GetTimestamp();
        var (update, at) = await Eventually.CompletesAsync(pushed);
        await link.AckAsync(update.Version);
        return (reply, update, Stopwatch.GetElapsedTime(repliedAt, at));
    }

    /// <summary>A sensor greets <paramref name="collector"/> and keeps its control stream open there, in sync.</summary>
    private static async Task<ControlLink> ConnectInSyncAsync(CollectorFactory collector, string sensorId, string kind)
    {
        await collector.Greeter.GreetAsync(IngestionCalls.Greeting(sensorId, kind));
        var link = await ControlLink.ConnectAsync(collector, sensorId, kind);
        await link.AckAsync((await link.NextUpdateAsync()).Version);
        return link;
    }

    /// <summary>Waits until <paramref name="collector"/> has taken in a sensor another collector registered.</summary>
    private static Task KnownToAsync(CollectorFactory collector, string sensorId) =>
        Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    await collector.Admin.StateAsync(sensorId);
                    return true;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
                {
                    return false;
                }
            },
            $"the other collector knows {sensorId}");

    private async Task<int> ListenersAsync() =>
        int.Parse(
            await server.PsqlAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{_database}' AND query LIKE 'LISTEN%'"),
            System.Globalization.CultureInfo.InvariantCulture);
}
