namespace Ingest.Collector.Aggregation;

/// <summary>
/// Where the aggregator's results go: the latest window of each sensor and the collector's statistics, shown to
/// whoever subscribed. The subscription hub implements it, so aggregation need not know about subscribers.
/// </summary>
internal interface IAggregatePublisher
{
    /// <summary>The number of open subscriptions.</summary>
    int SubscriberCount { get; }

    /// <summary>Shows <paramref name="window"/> as the latest of its sensor in window <paramref name="windowIndex"/>; sends it to subscribers when <paramref name="publish"/>.</summary>
    void Show(int windowIndex, WindowSummary window, bool publish);

    /// <summary>Forgets a sensor that is gone.</summary>
    void Remove(string sensorId);

    /// <summary>Sends the collector's statistics to subscribers.</summary>
    void Publish(CollectorStatistics statistics);
}
