using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Diagnostics;
using Ingest.SensorSimulator.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Fleet;

/// <summary>
/// Which sensors reach the collector, and the fleet-level log lines about it. Lines are rate-limited, so
/// that a thousand sensors losing the collector write one line every few seconds, not one per retry.
/// </summary>
internal sealed class FleetMonitor
{
    /// <summary>The shortest time between two fleet-level lines of one kind.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private const int NeverConnected = 0;
    private const int Connected = 1;
    private const int Retrying = 2;

    private readonly int[] _states;
    private readonly ILogger _logger;
    private readonly LogThrottle _unavailable;
    private readonly LogThrottle _reachable;
    private readonly LogThrottle _refused;
    private readonly LogThrottle _rejected;
    private int _connected;
    private int _retrying;

    public FleetMonitor(IOptions<SimulatorOptions> options, TimeProvider time, ILogger<FleetMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _states = new int[options.Value.Sensors];
        _logger = logger;
        _unavailable = new LogThrottle(time, LogInterval);
        _reachable = new LogThrottle(time, LogInterval);
        _refused = new LogThrottle(time, LogInterval);
        _rejected = new LogThrottle(time, LogInterval);
    }

    public int Sensors => _states.Length;

    public int ConnectedSensors => Volatile.Read(ref _connected);

    public int RetryingSensors => Volatile.Read(ref _retrying);

    /// <summary>A sensor greeted the collector successfully.</summary>
    public void ReportConnected(SensorIdentity sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var previous = Interlocked.Exchange(ref _states[sensor.Index - 1], Connected);
        if (previous == Connected)
        {
            return;
        }

        var connected = Interlocked.Increment(ref _connected);
        if (previous != Retrying)
        {
            return;
        }

        var retrying = Interlocked.Decrement(ref _retrying);
        _logger.SensorReconnected(sensor.SensorId);
        if (_reachable.TryEnter())
        {
            _logger.CollectorReachable(connected, Sensors, retrying, sensor.SensorId);
        }
    }

    /// <summary>A sensor's attempt failed; it retries after <paramref name="delay"/>.</summary>
    public void ReportFailure(SensorIdentity sensor, Exception exception, FaultKind kind, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(exception);
        var previous = Interlocked.Exchange(ref _states[sensor.Index - 1], Retrying);
        if (previous == Connected)
        {
            Interlocked.Decrement(ref _connected);
        }

        var reason = FaultClassifier.Describe(exception);
        if (previous != Retrying)
        {
            Interlocked.Increment(ref _retrying);
            _logger.SensorDisconnected(sensor.SensorId, reason);
        }

        if (kind == FaultKind.Misconfiguration)
        {
            if (_refused.TryEnter())
            {
                _logger.CollectorRefused(sensor.SensorId, reason, RetryingSensors, delay);
            }
        }
        else if (_unavailable.TryEnter())
        {
            _logger.CollectorUnavailable(RetryingSensors, Sensors, sensor.SensorId, reason, delay);
        }
    }

    /// <summary>The collector rejected some of a sensor's batches as invalid.</summary>
    public void ReportRejected(SensorIdentity sensor, int batches, int readings, string reason)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (_rejected.TryEnter())
        {
            _logger.BatchesRejected(batches, readings, sensor.SensorId, reason);
        }
    }
}
