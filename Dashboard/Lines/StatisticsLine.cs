using System.Text.Json.Serialization;

namespace Ingest.Dashboard.Lines;

/// <summary>The JSON line of the collector's totals.</summary>
internal sealed record StatisticsLine(
    DateTime At,
    string CollectorInstanceId,
    string CollectorVersion,
    double ReadingsPerSecond,
    ulong ReadingsCommitted,
    ulong BatchesCommitted,
    ulong DuplicateBatches,
    ulong RejectedBatches,
    ulong LostBatches,
    ulong LateReadings,
    uint SensorsConnected,
    uint SensorsLive,
    uint SensorsStale,
    uint SensorsOffline,
    uint Subscribers)
{
    /// <summary>What kind of line this is.</summary>
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "statistics";
}
