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
    uint SensorsOffline)
{
    /// <summary>The window size in effect for the dashboard's subscription; null when the collector does not say.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>The collector process's operator figures; null when the collector does not send them.</summary>
    public CollectorOperations? Operations { get; init; }
}
