using Ingest.Collector.Aggregation;

namespace Ingest.Collector.Subscriptions;

/// <summary>A new subscriber and the state it starts from; every change after this is offered to it.</summary>
internal sealed record SubscriptionSnapshot(Subscriber Subscriber, CollectorStatistics? Statistics, IReadOnlyList<WindowSummary> Windows);
