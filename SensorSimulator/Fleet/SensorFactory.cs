using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Routing;
using Ingest.SensorSimulator.Sampling;
using Ingest.SensorSimulator.Sensors;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Signals;
using Ingest.SensorSimulator.Spool;
using Ingest.SensorSimulator.Uploading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Fleet;

/// <summary>
/// Assembles a simulated sensor and its parts from the options and its index: its route over the collectors (home:
/// index mod their count), and the clients of every collector, shared by the fleet.
/// </summary>
internal sealed class SensorFactory
{
    private readonly SimulatorOptions _options;
    private readonly FailoverOptions _failover;
    private readonly IReadOnlyList<CollectorClient> _clients;
    private readonly UploadPipelineFactory _pipelines;
    private readonly FleetMonitor _monitor;
    private readonly ControlClientFactory _control;
    private readonly SpoolHolder _spool;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SensorFactory(
        IOptions<SimulatorOptions> options,
        IOptions<FailoverOptions> failover,
        IReadOnlyList<CollectorClient> clients,
        UploadPipelineFactory pipelines,
        FleetMonitor monitor,
        ControlClientFactory control,
        SpoolHolder spool,
        TimeProvider time,
        ILogger<SimulatedSensor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(failover);
        ArgumentNullException.ThrowIfNull(clients);
        _options = options.Value;
        _failover = failover.Value;
        _clients = clients;
        if (clients.Count != _options.EffectiveCollectorAddresses.Count)
        {
            throw new ArgumentException("One client per collector address.", nameof(clients));
        }
        _pipelines = pipelines;
        _monitor = monitor;
        _control = control;
        _spool = spool;
        _time = time;
        _logger = logger;
    }

    /// <summary>The sensor at <paramref name="index"/>, from 1.</summary>
    public SimulatedSensor Create(int index)
    {
        var identity = SensorIdentity.Create(_options, index);
        var counters = new SensorCounters();
        var route = new CollectorRoute(identity, _options.EffectiveCollectorAddresses, _failover, counters, _time, _logger);
        var spool = new SensorSpoolLink(_spool, identity.SensorId);
        var buffer = new UnackedBuffer(_options.MaxUnackedBatches, _options.BufferFullPolicy, counters, spool);
        var unkept = new UnkeptBatches(counters, spool);
        var live = new LiveConfiguration(_control.StartUpSettings);
        var signal = new SignalGenerator(SignalProfiles.For(identity.Kind), SensorSeed.For(_options.Seed, index));
        var clock = _options.ClockOffset == TimeSpan.Zero ? _time : new OffsetTimeProvider(_time, _options.ClockOffset);
        var sampler = new Sampler(live, buffer, signal, counters, clock);
        var uploader = new Uploader(
            identity,
            buffer,
            counters,
            _clients,
            _pipelines.Create(identity, counters),
            _pipelines.GreetChaos,
            _pipelines.UploadChaos,
            _monitor,
            live,
            _time,
            _logger,
            unkept,
            route,
            [.. _clients.Select(_ => _pipelines.CreateBreaker())]);
        var control = _control.Create(identity, live, counters, buffer, route);
        return new SimulatedSensor(
            identity, counters, live, sampler, buffer, unkept, uploader, control, spool, _monitor, _options.ShutdownTimeout, _time, _logger);
    }
}
