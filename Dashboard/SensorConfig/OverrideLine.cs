namespace Ingest.Dashboard.SensorConfig;

/// <summary>An override in JSON: <see cref="Scope"/> is <c>all</c>, <c>kind</c> or <c>sensor</c>, <see cref="Target"/> the kind or sensor id (null for all).</summary>
internal sealed record OverrideLine(string Scope, string? Target, IReadOnlyDictionary<string, string> Settings, DateTime? UpdatedAt);
