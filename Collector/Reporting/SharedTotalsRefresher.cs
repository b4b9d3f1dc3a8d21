using Ingest.Collector.Diagnostics;
using Ingest.Collector.Storage;

namespace Ingest.Collector.Reporting;

/// <summary>
/// Where several collectors share one database, each one's totals — committed, duplicate, rejected and lost, as the
/// dashboard and the status line show them — are the database's: every <see cref="Interval"/> they are raised to the sum
/// of every sensor's stored totals, so that each collector shows the whole fleet's figures, the same on all of them
/// (the dashboard takes the freshest). Its rate stays its own.
/// </summary>
internal sealed class SharedTotalsRefresher(IChunkStore store, IngestMetrics metrics, TimeProvider timeProvider, ILogger<SharedTotalsRefresher> logger)
    : BackgroundService
{
    /// <summary>How often the totals are read from the database.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    var stored = await store.ReadTotalsAsync(stoppingToken);
                    metrics.RaiseTo(stored.CommittedBatches, stored.CommittedReadings, stored.DuplicateBatches, stored.RejectedBatches, stored.LostBatches);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage failing is reported by health and the commit path; the totals wait for the next read.
                    CollectorLog.SharedTotalsUnread(logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
