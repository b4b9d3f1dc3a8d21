using Ingest.Collector.Aggregation;

namespace Ingest.Collector.Subscriptions;

/// <summary>What a subscriber has waiting: the latest statistics, if they changed, and the latest window per sensor.</summary>
internal sealed record SubscriberUpdates(CollectorStatistics? Statistics, IReadOnlyList<WindowSummary> Windows)
{
    public bool IsEmpty => Statistics is null && Windows.Count == 0;
}
