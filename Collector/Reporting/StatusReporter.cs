using Ingest.Collector.Control;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Settings;
using Ingest.Collector.Subscriptions;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Reporting;

/// <summary>Logs one status line per interval, so an operator watching the terminal sees the pipeline move.</summary>
internal sealed class StatusReporter(
    IngestMetrics metrics,
    SubscriptionHub hub,
    ControlSessions sessions,
    SensorConfigLookup configs,
    IOptions<CollectorOptions> options,
    TimeProvider timeProvider,
    ILogger<StatusReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.StatusInterval;
        using var timer = new PeriodicTimer(interval, timeProvider);
        var previous = metrics.Snapshot();
        var previousAt = timeProvider.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var current = metrics.Snapshot();
                var now = timeProvider.GetTimestamp();
                var (inSync, pending, rejected) = configs.Count();
                var seconds = Math.Max(timeProvider.GetElapsedTime(previousAt, now).TotalSeconds, 0.001);
                CollectorLog.Status(logger, (current.ReadingsCommittedHere - previous.ReadingsCommittedHere) / seconds,
                    current.ReadingsCommitted, current.BatchesCommitted, current.DuplicateBatches, current.RejectedBatches,
                    current.LostBatches, current.UploadsOpen, current.UploadsRefused, current.QueueDepth, hub.SubscriberCount,
                    sessions.Count, inSync, pending, rejected);
                (previous, previousAt) = (current, now);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
