namespace Ingest.Dashboard.Model;

/// <summary>The collector's totals across all sensors, as of <see cref="At"/>.</summary>
internal sealed record CollectorTotals(
    DateTimeOffset At,
    double ReadingsPerSecond,
    ulong ReadingsCommitted,
    ulong BatchesCommitted,
    ulong DuplicateBatches,
    ulong RejectedBatches,
    ulong LostBatches,
    ulong LateReadings,
    uint SensorsConnected,
    uint Subscribers,
    string CollectorInstanceId,
    string CollectorVersion,
    uint SensorsLive,
    uint SensorsStale,
    uint SensorsOffline);
