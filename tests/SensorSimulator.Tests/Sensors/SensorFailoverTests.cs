using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Fleet;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Sampling;
using Ingest.SensorSimulator.Sensors;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Spool;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Ingest.SensorSimulator.Uploading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Sensors;

/// <summary>
/// A sensor against two collectors that share one database (<see cref="CollectorFront"/>s over one
/// <see cref="FakeCollector"/>): when its collector stops answering it moves to the other, greets it, resends what was
/// unacknowledged there, and its control stream follows; later it goes back home. Nothing acknowledged is lost.
/// </summary>
public sealed class SensorFailoverTests
{
    private const string AddressA = "http://collector-a:5000";
    private const string AddressB = "http://collector-b:5000";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeCollector _database = new();
    private readonly CollectorFront _a;
    private readonly CollectorFront _b;
    private readonly ListLogger<SimulatedSensor> _log = new();
    private readonly FailoverOptions _failover = new() { FailuresBeforeFailover = 3, ReturnHomeAfter = TimeSpan.FromMinutes(10) };
    private readonly SimulatorOptions _options = new()
    {
        Sensors = 1,
        CollectorAddresses = [AddressA, AddressB],
        BatchSize = 10,
        BatchMaxAge = TimeSpan.FromMilliseconds(200),
        UploadWindowBatches = 5,
        UploadWindowDuration = TimeSpan.FromSeconds(1),
    };

    public SensorFailoverTests()
    {
        _a = new CollectorFront(_database, new FakeControlServer());
        _b = new CollectorFront(_database, new FakeControlServer());
    }

    [Fact]
    public async Task Run_HomeCollectorStopsAnswering_ContinuesOnTheOtherWithNothingAcknowledgedLostAndTheControlStreamFollows()
    {
        var sensor = CreateSensor();
        using var stop = new CancellationTokenSource();
        var running = sensor.RunAsync(stop.Token);
        (await _a.Control.HelloAsync(1, Tick)).SendWelcome(TimeSpan.FromMinutes(10));
        await Eventually.UntilAsync(() => sensor.Counters.Acked >= 100, "the sensor uploads to its home collector", step: Tick);
        Assert.Equal(0, _b.Greets);

        _a.Stop();
        var ackedBefore = sensor.Counters.Acked;
        await Eventually.UntilAsync(
            () => _b.Greets >= 1 && sensor.Counters.Acked >= ackedBefore + 200, "the sensor uploads to the other collector", step: Tick);
        (await _b.Control.HelloAsync(1, Tick)).SendWelcome(TimeSpan.FromMinutes(10));
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running, Tick);

        AssertNothingAcknowledgedLost(sensor);
        Assert.Equal(1, sensor.Counters.Failovers);
        var moved = Assert.Single(_log.Entries, entry => entry.Message.Contains("moved from collector", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, moved.Level);
        Assert.Contains($"Sensor sim-temperature-0001 moved from collector {AddressA} to {AddressB}", moved.Message, StringComparison.Ordinal);
        Assert.Contains("Unavailable", moved.Message, StringComparison.Ordinal);
        Assert.True(_b.Control.Streams[0].RequestCompleted, "the control stream on the other collector ends politely at the end of the run");
    }

    [Fact]
    public async Task Run_HomeCollectorBackAfterReturnHomeAfter_GoesHomeAndLosesNothing()
    {
        var sensor = CreateSensor(control: false);
        using var stop = new CancellationTokenSource();
        var running = sensor.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => sensor.Counters.Acked >= 100, "the sensor uploads to its home collector", step: Tick);
        _a.Stop();
        await Eventually.UntilAsync(() => _b.Uploads >= 2, "the sensor uploads to the other collector", step: Tick);
        _a.Start();
        var greetsAtHome = _a.Greets;

        _time.Advance(_failover.ReturnHomeAfter);
        var ackedBefore = sensor.Counters.Acked;
        await Eventually.UntilAsync(
            () => _a.Greets > greetsAtHome && sensor.Counters.Acked >= ackedBefore + 200, "the sensor uploads at home again", step: Tick);
        var uploadsAway = _b.Uploads;
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running, Tick);

        AssertNothingAcknowledgedLost(sensor);
        Assert.Equal(2, sensor.Counters.Failovers);
        Assert.Equal(uploadsAway, _b.Uploads);
        Assert.Contains(
            _log.Entries,
            entry => entry.Level == LogLevel.Information
                && entry.Message.Contains($"moved from collector {AddressB} to {AddressA}: back to its home collector", StringComparison.Ordinal));
    }

    private void Tick() => _time.Advance(Sampler.MinimumTick);

    private void AssertNothingAcknowledgedLost(SimulatedSensor sensor)
    {
        var counters = sensor.Counters;
        Assert.Equal(counters.Sampled, counters.Acked);
        Assert.Equal((0L, 0L, 0L, 0L), (counters.Unacked, counters.Lost, counters.Rejected, counters.Dropped));
        var stored = _database.Stored;
        Assert.Equal(counters.Acked, stored.Values.Sum());
        Assert.Equal(Enumerable.Range(1, (int)counters.LastSequence).Select(s => (ulong)s), stored.Keys.Order());
    }

    private SimulatedSensor CreateSensor(bool control = true)
    {
        var options = Options.Create(_options);
        var monitor = new FleetMonitor(options, _time, NullLogger<FleetMonitor>.Instance);
        var controlMonitor = new ControlMonitor(options, _time, NullLogger<ControlMonitor>.Instance);
        var controlClients = new ControlClientFactory(
            Options.Create(new ControlOptions { Enabled = control }),
            options,
            [new ControlConnector(_a, _time), new ControlConnector(_b, _time)],
            new ConfigValidator(Options.Create(new SensorLimitsOptions())),
            new ControlPipelineFactory(_time, controlMonitor, TestChaos.Off),
            controlMonitor,
            _time,
            NullLogger<ControlClient>.Instance);
        var factory = new SensorFactory(
            options,
            Options.Create(_failover),
            [new CollectorClient(_a, _time), new CollectorClient(_b, _time)],
            new UploadPipelineFactory(_time, monitor, TestChaos.Off),
            monitor,
            controlClients,
            new SpoolHolder(),
            _time,
            _log);
        return factory.Create(1);
    }
}
