using Ingest.Collector.Diagnostics;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Settings;

namespace Ingest.Collector.DesiredState;

/// <summary>
/// Loads the desired configuration at start (after the commit pipeline opened the database) and applies
/// every good reload of the control settings, so that an edit of the settings file reaches connected
/// sensors without a restart.
/// </summary>
internal sealed class DesiredStateService(
    DesiredConfigs desired,
    LastGoodOptions<ControlOptions> settings,
    IHostApplicationLifetime lifetime,
    ILogger<DesiredStateService> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private Task _applying = Task.CompletedTask;
    private Task _watching = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var loaded = settings.Current;
        await desired.LoadAsync(loaded, cancellationToken);
        settings.OnChange(_ => Apply());

        // Collectors sharing one database hear each other's changes.
        _watching = Task.Run(() => desired.WatchAsync(lifetime.ApplicationStopping), CancellationToken.None);

        // A reload while loading found no listener yet: apply it now (each good reload is a new instance).
        if (!ReferenceEquals(settings.Current, loaded))
        {
            Apply();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The watch ends with ApplicationStopping, which comes before this.
        await _watching.WaitAsync(cancellationToken);
        Task applying;
        lock (_gate)
        {
            applying = _applying;
        }

        await applying.WaitAsync(cancellationToken);
    }

    private void Apply()
    {
        lock (_gate)
        {
            // One at a time, each with the settings current when it runs: a burst of reloads ends at the last.
            _applying = _applying.ContinueWith(_ => ApplyAsync(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task ApplyAsync()
    {
        try
        {
            var change = await desired.ApplySettingsAsync(settings.Current, lifetime.ApplicationStopping);
            CollectorLog.ControlSettingsApplied(logger, change.SensorsAffected, change.Version);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A reload must never take the collector down; the last good settings stay in force.
            CollectorLog.ControlSettingsFailed(logger, ex);
        }
    }
}
