using System.Text.Json.Serialization;

namespace Ingest.Dashboard.Lines;

/// <summary>The JSON line that ends a snapshot.</summary>
internal sealed record SnapshotCompleteLine(uint SensorCount)
{
    /// <summary>What kind of line this is.</summary>
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "snapshot_complete";
}
