using System.Collections.Concurrent;
using Grpc.Core;
using Ingest.SensorSimulator.Diagnostics;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Settings;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Monitoring;

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
    private const int KeyRefused = 3;

    private readonly int[] _states;
    private readonly ILogger _logger;
    private readonly LogThrottle _unavailable;
    private readonly LogThrottle _reachable;
    private readonly LogThrottle _refused;
    private readonly LogThrottle _rejected;

    // The refusals already logged, by status code: one line per distinct reason, not one per sensor.
    private readonly ConcurrentDictionary<StatusCode, byte> _refusalsLogged = new();
    private int _connected;
    private int _retrying;
    private int _keyRefused;

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

    /// <summary>Sensors stopped for good because the collector refused the key.</summary>
    public int KeyRefusedSensors => Volatile.Read(ref _keyRefused);

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

    /// <summary>
    /// The collector refused a sensor's key and the sensor stopped for good: it no longer counts as connected or
    /// retrying. The first refusal of each kind (<c>Unauthenticated</c>, <c>PermissionDenied</c>) is logged for the fleet.
    /// </summary>
    public void ReportKeyRefused(SensorIdentity sensor, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(exception);
        var previous = Interlocked.Exchange(ref _states[sensor.Index - 1], KeyRefused);
        switch (previous)
        {
            case KeyRefused:
                return;
            case Connected:
                Interlocked.Decrement(ref _connected);
                break;
            case Retrying:
                Interlocked.Decrement(ref _retrying);
                break;
        }

        Interlocked.Increment(ref _keyRefused);
        var code = exception is RpcException rpc ? rpc.StatusCode : StatusCode.Unknown;
        if (_refusalsLogged.TryAdd(code, 0))
        {
            _logger.FleetKeyRefused(sensor.SensorId, FaultClassifier.Describe(exception));
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
