using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Aggregation;

/// <summary>
/// Feeds the <see cref="Aggregator"/> from the committed-batch feed (its own bounded queue, so it never
/// slows a commit; what overflows is counted and logged) and ticks it for liveness and statistics. Rejected
/// batches reach it once a tick, as the feed's tally per sensor, so the aggregator and the subscribers see at
/// most one change per rejecting sensor per tick.
/// </summary>
internal sealed class AggregationService : BackgroundService
{
    private readonly Aggregator _aggregator;
    private readonly AggregationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AggregationService> _logger;
    private readonly CommittedBatchFeed.Subscription _feed;
    private long _overflowReported;

    public AggregationService(
        CommittedBatchFeed feed,
        Aggregator aggregator,
        AggregationMetrics metrics,
        IOptions<AggregationOptions> options,
        TimeProvider timeProvider,
        ILogger<AggregationService> logger)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        (_aggregator, _options, _timeProvider, _logger) = (aggregator, options.Value, timeProvider, logger);

        // Subscribed on construction, before anything can commit, so no committed batch is missed.
        _feed = feed.Subscribe(_options.FeedCapacityBatches);
        metrics.Feed = _feed;
    }

    /// <summary>Committed batches that did not fit in the aggregator's queue.</summary>
    public long FeedOverflowed => _feed.Overflowed;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Publishes the first statistics, so that every subscriber's snapshot starts with them.
        _aggregator.Tick();
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _feed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ticking = TickAsync(stoppingToken);
        try
        {
            await foreach (var batch in _feed.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    _aggregator.Apply(batch);
                }
                catch (Exception ex)
                {
                    // The aggregates are a view: a defect here must not stop the collector from ingesting.
                    CollectorLog.AggregationFailed(_logger, batch.SensorId, batch.Sequence, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await ticking;
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.TickInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var rejected in _feed.TakeRejected())
                    {
                        _aggregator.Reject(rejected);
                    }

                    _aggregator.Tick();
                }
                catch (Exception ex)
                {
                    // As above: liveness and statistics stop moving for a tick, ingestion goes on.
                    CollectorLog.AggregationTickFailed(_logger, ex);
                }

                ReportOverflow();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void ReportOverflow()
    {
        var overflowed = _feed.Overflowed;
        if (overflowed > _overflowReported)
        {
            CollectorLog.AggregationFeedOverflowed(_logger, overflowed - _overflowReported, overflowed, _options.FeedCapacityBatches);
            _overflowReported = overflowed;
        }
    }
}
