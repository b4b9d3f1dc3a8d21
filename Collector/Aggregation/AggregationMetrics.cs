using System.Diagnostics.Metrics;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;

namespace Ingest.Collector.Aggregation;

/// <summary>
/// The aggregates' and subscriptions' instruments (meter <c>Ingest.Collector</c>): batches that overflowed
/// the aggregator's feed, its queue depth, late readings, and subscribers open and refused.
/// </summary>
internal sealed class AggregationMetrics
{
    private readonly Counter<long> _lateReadings;
    private readonly Counter<long> _subscribersRefused;

    public AggregationMetrics(IMeterFactory meterFactory, IAggregatePublisher hub)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(hub);
        var meter = meterFactory.Create(IngestMetrics.MeterName);
        _lateReadings = meter.CreateCounter<long>("ingest.aggregation.readings.late", "{reading}", "Readings too late for their closed window, left out of the aggregates.");
        _subscribersRefused = meter.CreateCounter<long>("ingest.subscriptions.refused", "{stream}", "Subscribe calls refused because too many were open.");
        meter.CreateObservableCounter("ingest.aggregation.feed.overflowed", () => Feed?.Overflowed ?? 0, "{batch}",
            "Committed batches that did not fit in the aggregator's queue and are missing from the aggregates.");
        meter.CreateObservableGauge("ingest.aggregation.feed.depth", () => Feed is { Reader.CanCount: true } feed ? feed.Reader.Count : 0, "{batch}",
            "Committed batches waiting for the aggregator.");
        meter.CreateObservableUpDownCounter("ingest.subscriptions.active", () => hub.SubscriberCount, "{stream}", "Subscribe streams open.");
    }

    /// <summary>The aggregator's subscription to committed batches; set when the aggregator starts.</summary>
    public CommittedBatchFeed.Subscription? Feed { get; set; }

    public void LateReadings(long readings) => _lateReadings.Add(readings);

    public void SubscriberRefused() => _subscribersRefused.Add(1);
}
