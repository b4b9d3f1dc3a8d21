using Ingest.Collector.Diagnostics;
using Ingest.Collector.Storage;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Health;

/// <summary>
/// Brings storage back without an operator, every Collector:Storage:RecoveryInterval. While writes fail
/// (<see cref="StorageHealth"/>) it checkpoints the write-ahead log — on a full disk the log has grown into the last
/// free space, and SQLite's own checkpoint comes only after a successful commit — and then probes with a real write;
/// when the probe succeeds, the outage ends and health serves again. Meanwhile streams keep ending with Unavailable and
/// their sensors retry, so ingestion resumes by itself once space returns. While writes succeed it checkpoints early
/// when the log nears the free disk space, so that it never takes the room a checkpoint needs and the disk, once
/// freed, does not fill up with log again. A damaged database is left alone: no probe can vouch for it.
/// </summary>
internal sealed class StorageRecoveryService(
    IChunkStore store, StorageHealth health, TimeProvider timeProvider, IOptions<StorageOptions> options, ILogger<StorageRecoveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (health.Failure is null)
                {
                    await KeepRoomAsync(stoppingToken);
                }
                else if (!health.IsDamaged)
                {
                    await TryRecoverAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task KeepRoomAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.CheckpointIfShortOfSpaceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing commit says it, and starts the recovery.
            CollectorLog.RecoveryStepFailed(logger, "early checkpoint", ex.Message);
        }
    }

    /// <summary>One attempt: checkpoint, then probe. True when the probe succeeded.</summary>
    internal async Task<bool> TryRecoverAsync(CancellationToken cancellationToken)
    {
        var failedCommits = health.FailedCommits;
        try
        {
            if (!await store.CheckpointAsync(cancellationToken))
            {
                CollectorLog.RecoveryStepFailed(logger, "checkpoint", "readers kept it from finishing");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Copying the log may need the database file to grow, which a full disk refuses: the probe tells.
            CollectorLog.RecoveryStepFailed(logger, "checkpoint", ex.Message);
        }

        try
        {
            await store.ProbeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            health.ProbeFailed();
            CollectorLog.RecoveryStepFailed(logger, "write probe", ex.Message);
            return false;
        }

        if (health.ProbeSucceeded(failedCommits) is { } outage)
        {
            CollectorLog.StorageRecovered(logger, outage.FailedCommits, outage.Duration.TotalSeconds, "a write probe succeeded");
        }

        return true;
    }
}
