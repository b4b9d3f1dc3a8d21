using Ingest.SensorSimulator.Chaos;
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
/// Runs the fleet until the host stops or <c>Duration</c> elapses, then lets every sensor flush; after a
/// <c>Duration</c> run it stops the application on purpose, and so it does, with a non-zero exit code, when the
/// collector refused the key of every sensor.
/// </summary>
internal sealed class FleetWorker : BackgroundService
{
    private readonly SensorFleet _fleet;
    private readonly ControlMonitor _control;
    private readonly SimulatorChaos _chaos;
    private readonly SimulatorOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ProgramExit _exit;
    private readonly TimeProvider _time;
    private readonly ILogger<FleetWorker> _logger;

    public FleetWorker(
        SensorFleet fleet,
        ControlMonitor control,
        SimulatorChaos chaos,
        IOptions<SimulatorOptions> options,
        IHostApplicationLifetime lifetime,
        ProgramExit exit,
        TimeProvider time,
        ILogger<FleetWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fleet = fleet;
        _control = control;
        _chaos = chaos;
        _options = options.Value;
        _lifetime = lifetime;
        _exit = exit;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.FleetStarting(
            _fleet.Count,
            string.Join(", ", _options.EffectiveKinds),
            string.Join(", ", _options.EffectiveCollectorAddresses),
            _options.SamplingInterval,
            _options.BatchSize,
            _options.BatchMaxAge,
            _options.MaxUnackedBatches,
            _options.BufferFullPolicy.ToString(),
            _options.Duration?.ToString() ?? "until stopped");

        using var duration = new CancellationTokenSource(_options.Duration ?? Timeout.InfiniteTimeSpan, _time);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, duration.Token);
        using var announceFlush = stopSampling.Token.Register(() => _logger.FleetFlushing(_options.ShutdownTimeout));

        await _fleet.RunAsync(stopSampling.Token);
        _control.LogAppliedVersions();

        var totals = FleetTotals.Of(_fleet.Snapshot());
        _logger.FleetStopped(totals.Sensors, totals.Sampled, totals.Acked, totals.Rejected, totals.Dropped, totals.Lost, totals.Unacked, totals.Retries);
        if (totals.Unacked > 0)
        {
            _logger.FlushIncomplete(totals.Unacked, totals.Sensors);
        }

        if (totals.KeyRefusedSensors > 0)
        {
            _logger.KeysRefused(totals.KeyRefusedSensors, totals.Sensors);
        }

        if (_chaos.Enabled)
        {
            _logger.ChaosFaultsInjected(_chaos.InjectedFaults);
        }

        if (!stoppingToken.IsCancellationRequested && totals.Sensors > 0 && totals.KeyRefusedSensors == totals.Sensors)
        {
            // No sensor can do anything without a key the collector takes: running on idle would hide it.
            _logger.AllKeysRefused(totals.Sensors, ProgramExit.KeysRefused);
            _exit.Code = ProgramExit.KeysRefused;
            _lifetime.StopApplication();
            return;
        }

        if (!stoppingToken.IsCancellationRequested && _options.Duration is { } elapsed)
        {
            _logger.DurationElapsed(elapsed);
            _lifetime.StopApplication();
        }
    }
}
