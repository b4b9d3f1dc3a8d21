namespace Ingest.Collector.Aggregation;

/// <summary>Totals across sensors and the collector's own state, as published to subscribers.</summary>
internal sealed record CollectorStatistics(
    DateTimeOffset At,
    double ReadingsPerSecond,
    long ReadingsCommitted,
    long BatchesCommitted,
    long DuplicateBatches,
    long RejectedBatches,
    long LostBatches,
    long LateReadings,
    int SensorsConnected,
    int Subscribers,
    string CollectorInstanceId,
    string CollectorVersion,
    int SensorsLive,
    int SensorsStale,
    int SensorsOffline)
{
    /// <summary>True when everything but the time of measurement is the same as in <paramref name="other"/>.</summary>
    public bool SameFiguresAs(CollectorStatistics? other) => other is not null && this with { At = other.At } == other;
}
