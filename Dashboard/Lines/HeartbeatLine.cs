using System.Text.Json.Serialization;

namespace Ingest.Dashboard.Lines;

/// <summary>The JSON line of a heartbeat.</summary>
internal sealed record HeartbeatLine(DateTime At)
{
    /// <summary>What kind of line this is.</summary>
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "heartbeat";
}
