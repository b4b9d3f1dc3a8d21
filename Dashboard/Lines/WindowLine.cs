using System.Text.Json.Serialization;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Lines;

/// <summary>
/// The JSON line of a sensor window. <see cref="Status"/> is <c>live</c>, <c>stale</c>, <c>offline</c> or
/// <c>unknown</c>, or <c>rejected</c> for a sensor the collector knows only through rejected batches (count 0, no
/// <see cref="WindowStart"/>). <see cref="ConfigState"/> is <c>in_sync</c>, <c>pending</c>, <c>rejected</c> or
/// <c>unknown</c>; <see cref="Paused"/> says the sensor's last status had sampling paused or disabled;
/// <see cref="RejectedBatches"/> counts the sensor's batches the collector rejected, the latest for
/// <see cref="LastRejection"/>.
/// </summary>
internal sealed record WindowLine(
    string SensorId,
    string Kind,
    string Status,
    DateTime? WindowStart,
    double WindowSeconds,
    bool Closed,
    ulong Count,
    double Min,
    double Max,
    double Mean,
    double Last,
    double ReadingsPerSecond,
    ulong DesiredConfigVersion,
    ulong ReportedConfigVersion,
    string ConfigState,
    bool Paused,
    ulong RejectedBatches,
    string LastRejection)
{
    /// <summary>What kind of line this is.</summary>
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "window";
}
