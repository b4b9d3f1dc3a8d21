using Grpc.Core;
using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Routing;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Control;

/// <summary>The control stream of a sensor with two collectors: it goes where the sensor's route goes.</summary>
public sealed class ControlClientRouteTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeControlServer _a = new();
    private readonly FakeControlServer _b = new();
    private readonly SimulatorOptions _options = new() { Sensors = 1, MaxUnackedBatches = 10 };
    private readonly FailoverOptions _failover = new() { FailuresBeforeFailover = 3 };
    private readonly SensorCounters _counters = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CollectorRoute _route;
    private readonly ControlMonitor _monitor;
    private readonly ControlClient _client;
    private Task _running = Task.CompletedTask;

    public ControlClientRouteTests()
    {
        var sensor = SensorIdentity.Create(_options, 1);
        var live = new LiveConfiguration(TestSettings.Default);
        var monitor = _monitor = new ControlMonitor(Options.Create(_options), _time, NullLogger<ControlMonitor>.Instance);
        var buffer = new UnackedBuffer(_options.MaxUnackedBatches, BufferFullPolicy.Block, _counters);
        _route = new CollectorRoute(sensor, ["http://a:5000", "http://b:5000"], _failover, _counters, _time, NullLogger.Instance);

        // No backoff of its own, so that a reconnect needs no time to pass.
        var pipelines = new ControlPipelineFactory(_time, monitor, new RetryDelayPolicy(TimeSpan.Zero, TimeSpan.Zero), TestChaos.Off);
        _client = new ControlClient(
            sensor,
            live,
            [new ControlConnector(_a, _time), new ControlConnector(_b, _time)],
            new ConfigValidator(Options.Create(new SensorLimitsOptions())),
            new StatusSampler(_counters, buffer, _options.MaxUnackedBatches, live, _time),
            pipelines,
            monitor,
            _time,
            NullLogger.Instance,
            _route);
    }

    public Task InitializeAsync()
    {
        _running = _client.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Eventually.CompletesAsync(_running, () => _time.Advance(Step));
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task RouteMoves_EndsTheStreamPolitelyAndSaysHelloToTheNewCollector()
    {
        var home = await _a.HelloAsync(1);
        home.SendWelcome(TimeSpan.FromMinutes(10));

        // The uploads found collector A down.
        for (var i = 0; i < _failover.FailuresBeforeFailover; i++)
        {
            _route.ReportFailure(0, new RpcException(new Status(StatusCode.Unavailable, "down")), CancellationToken.None);
        }

        var away = await _b.HelloAsync(1, () => _time.Advance(Step));
        Assert.True(home.RequestCompleted);
        Assert.False(home.Cancelled);
        Assert.Equal(1, _route.Current);
        Assert.Equal(1, _counters.Failovers);
        Assert.Single(_a.Streams);
        away.SendWelcome(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task StreamRefusedByItsCollector_CountsTowardFailoverAndReconnectsToTheNext()
    {
        for (var stream = 1; stream <= _failover.FailuresBeforeFailover; stream++)
        {
            (await _a.HelloAsync(stream)).Fail(StatusCode.ResourceExhausted, "too many streams");
        }

        await _b.HelloAsync(1, () => _time.Advance(Step));

        Assert.Equal(1, _route.Current);
        Assert.Equal(_failover.FailuresBeforeFailover, _a.Streams.Count);
    }

    [Fact]
    public async Task Welcome_StartsTheFailureCountAgain()
    {
        (await _a.HelloAsync(1)).Fail(StatusCode.Unavailable, "restarting");
        (await _a.HelloAsync(2)).Fail(StatusCode.Unavailable, "restarting");
        var welcomed = await _a.HelloAsync(3);
        welcomed.SendWelcome(TimeSpan.FromMinutes(10));
        await Eventually.UntilAsync(() => _monitor.ConnectedSensors == 1, "the welcome is handled");

        welcomed.Fail(StatusCode.Unavailable, "restarting");
        (await _a.HelloAsync(4)).Fail(StatusCode.Unavailable, "restarting");
        await _a.HelloAsync(5);

        Assert.Equal(0, _route.Current);
        Assert.Empty(_b.Streams);
    }
}
