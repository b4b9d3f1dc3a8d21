namespace Ingest.Dashboard.Feed;

/// <summary>What the dashboard subscribes to.</summary>
/// <param name="SensorPatterns">Sensor ids to include, <c>*</c> as a wildcard; empty means every sensor.</param>
/// <param name="Kinds">Kinds to include; empty means every kind.</param>
/// <param name="Window">The tumbling window size; null means the collector's default.</param>
/// <param name="MinUpdateInterval">The fastest rate of updates wanted.</param>
internal sealed record SubscriptionRequest(
    IReadOnlyList<string> SensorPatterns,
    IReadOnlyList<string> Kinds,
    TimeSpan? Window,
    TimeSpan MinUpdateInterval);
