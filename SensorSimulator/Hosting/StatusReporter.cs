using Ingest.SensorSimulator.Diagnostics;
using Ingest.SensorSimulator.Fleet;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Reporting;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Hosting;

/// <summary>
/// Logs one status line of fleet totals every few seconds, and one line per configuration version sensors
/// applied since the line before. Until the collector has settled any reading, the line says when the first
/// acknowledgement is expected (<see cref="FirstAckHint"/>).
/// </summary>
internal sealed class StatusReporter : BackgroundService
{
    /// <summary>The time between two status lines.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly SensorFleet _fleet;
    private readonly FleetMonitor _monitor;
    private readonly ControlMonitor _control;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusReporter> _logger;
    private readonly SimulatorOptions _options;

    public StatusReporter(
        SensorFleet fleet, FleetMonitor monitor, ControlMonitor control, IOptions<SimulatorOptions> options, TimeProvider time,
        ILogger<StatusReporter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _fleet = fleet;
        _monitor = monitor;
        _control = control;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        var started = _time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var totals = FleetTotals.Of(_fleet.Snapshot());
                if (totals.Acked + totals.Rejected + totals.Lost == 0 && totals.Unacked > 0)
                {
                    _logger.StatusBeforeFirstAck(
                        _monitor.ConnectedSensors, totals.Sensors, totals.Sampled, totals.Acked, totals.Rejected, totals.Dropped,
                        totals.Lost, totals.Unacked, totals.Retries, FirstAckHint.Describe(_options, _time.GetElapsedTime(started)));
                }
                else
                {
                    _logger.Status(
                        _monitor.ConnectedSensors, totals.Sensors, totals.Sampled, totals.Acked, totals.Rejected, totals.Dropped,
                        totals.Lost, totals.Unacked, totals.Retries);
                }

                _control.LogAppliedVersions();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
