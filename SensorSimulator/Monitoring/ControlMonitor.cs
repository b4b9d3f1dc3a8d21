using System.Collections.Concurrent;
using Ingest.SensorSimulator.Diagnostics;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Settings;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Monitoring;

/// <summary>
/// The fleet's control streams and configuration versions, and the fleet-level log lines about them. Per
/// sensor lines are Debug; the Information and Warning lines are summarised or rate-limited, so that a
/// thousand sensors applying one version write one line, not a thousand.
/// </summary>
internal sealed class ControlMonitor
{
    private const int NeverConnected = 0;
    private const int Connected = 1;
    private const int Reconnecting = 2;

    private readonly int[] _states;
    private readonly ulong[] _versions;
    private readonly ConcurrentDictionary<ulong, int> _appliedSinceReport = new();
    private readonly ILogger _logger;
    private readonly LogThrottle _lost;
    private readonly LogThrottle _restored;
    private readonly LogThrottle _rejected;
    private int _connected;
    private int _reconnecting;
    private int _rejectedSinceLine;

    public ControlMonitor(IOptions<SimulatorOptions> options, TimeProvider time, ILogger<ControlMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _states = new int[options.Value.Sensors];
        _versions = new ulong[options.Value.Sensors];
        _logger = logger;
        _lost = new LogThrottle(time, FleetMonitor.LogInterval);
        _restored = new LogThrottle(time, FleetMonitor.LogInterval);
        _rejected = new LogThrottle(time, FleetMonitor.LogInterval);
    }

    public int Sensors => _states.Length;

    /// <summary>Sensors with an open control stream.</summary>
    public int ConnectedSensors => Volatile.Read(ref _connected);

    /// <summary>Sensors whose control stream failed and that are reconnecting.</summary>
    public int ReconnectingSensors => Volatile.Read(ref _reconnecting);

    /// <summary>A sensor's control stream was welcomed by the collector.</summary>
    public void ReportConnected(SensorIdentity sensor, string collectorInstanceId)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        _logger.SensorControlConnected(sensor.SensorId, collectorInstanceId);
        var previous = Interlocked.Exchange(ref _states[sensor.Index - 1], Connected);
        if (previous == Connected)
        {
            return;
        }

        var connected = Interlocked.Increment(ref _connected);
        if (previous == Reconnecting)
        {
            var reconnecting = Interlocked.Decrement(ref _reconnecting);
            if (_restored.TryEnter())
            {
                _logger.ControlRestored(connected, Sensors, reconnecting, sensor.SensorId);
            }
        }
    }

    /// <summary>A sensor's control stream ended or failed; it reconnects after <paramref name="delay"/>.</summary>
    public void ReportLost(SensorIdentity sensor, Exception exception, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(exception);
        var reason = FaultClassifier.Describe(exception);
        _logger.SensorControlLost(sensor.SensorId, reason);
        var previous = Interlocked.Exchange(ref _states[sensor.Index - 1], Reconnecting);
        if (previous == Connected)
        {
            Interlocked.Decrement(ref _connected);
        }

        if (previous != Reconnecting)
        {
            Interlocked.Increment(ref _reconnecting);
        }

        if (_lost.TryEnter())
        {
            _logger.ControlLost(ReconnectingSensors, Sensors, sensor.SensorId, reason, delay);
        }
    }

    /// <summary>A sensor applied configuration <paramref name="version"/> (once per version it changes to).</summary>
    public void ReportApplied(SensorIdentity sensor, ulong version, string hash)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        Interlocked.Exchange(ref _versions[sensor.Index - 1], version);
        _appliedSinceReport.AddOrUpdate(version, 1, static (_, count) => count + 1);
        _logger.SensorConfigApplied(sensor.SensorId, version, hash);
    }

    /// <summary>A sensor rejected configuration <paramref name="version"/> and keeps <paramref name="runningVersion"/>.</summary>
    public void ReportRejected(SensorIdentity sensor, ulong version, ulong runningVersion, string reason)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        _logger.SensorConfigRejected(sensor.SensorId, version, reason);
        var rejections = Interlocked.Increment(ref _rejectedSinceLine);
        if (_rejected.TryEnter())
        {
            Interlocked.Add(ref _rejectedSinceLine, -rejections);
            _logger.ConfigRejected(sensor.SensorId, version, runningVersion, reason, rejections);
        }
    }

    /// <summary>
    /// Writes one line per configuration version that sensors applied since the last call, such as
    /// "configuration v7 applied by 1000 sensors". Called periodically.
    /// </summary>
    public void LogAppliedVersions()
    {
        foreach (var version in _appliedSinceReport.Keys.Order())
        {
            if (!_appliedSinceReport.TryRemove(version, out var applied))
            {
                continue;
            }

            var running = 0;
            for (var i = 0; i < _versions.Length; i++)
            {
                if (Interlocked.Read(ref _versions[i]) == version)
                {
                    running++;
                }
            }

            _logger.ConfigApplied(version, applied, running, Sensors);
        }
    }
}
