using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Routing;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Control;

/// <summary>Gives each sensor its start-up settings and, unless <c>Simulator:Control:Enabled</c> is false, its control client.</summary>
internal sealed class ControlClientFactory
{
    private readonly ControlOptions _control;
    private readonly SimulatorOptions _options;
    private readonly IReadOnlyList<ControlConnector> _connectors;
    private readonly ConfigValidator _validator;
    private readonly ControlPipelineFactory _pipelines;
    private readonly ControlMonitor _monitor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ControlClientFactory(
        IOptions<ControlOptions> control,
        IOptions<SimulatorOptions> options,
        IReadOnlyList<ControlConnector> connectors,
        ConfigValidator validator,
        ControlPipelineFactory pipelines,
        ControlMonitor monitor,
        TimeProvider time,
        ILogger<ControlClient> logger)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(options);
        _control = control.Value;
        _options = options.Value;
        _connectors = connectors;
        _validator = validator;
        _pipelines = pipelines;
        _monitor = monitor;
        _time = time;
        _logger = logger;
    }

    /// <summary>Sensors open control streams.</summary>
    public bool Enabled => _control.Enabled;

    /// <summary>The settings every sensor starts with: the simulator's own, as version 0.</summary>
    public SensorConfigValues StartUpSettings => SensorConfigValues.StartUp(_options, _control);

    /// <summary>The control client of one sensor, on the collector <paramref name="route"/> names; null when control is disabled.</summary>
    public ControlClient? Create(
        SensorIdentity sensor, LiveConfiguration live, SensorCounters counters, UnackedBuffer buffer, CollectorRoute route)
    {
        if (!Enabled)
        {
            return null;
        }

        var status = new StatusSampler(counters, buffer, _options.MaxUnackedBatches, live, _time);
        return new ControlClient(sensor, live, _connectors, _validator, status, _pipelines, _monitor, _time, _logger, route);
    }
}
