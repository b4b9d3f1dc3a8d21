namespace Ingest.Dashboard.Admin;

/// <summary>An operator's override: setting names and values for one scope.</summary>
/// <param name="Scope">The sensors it applies to.</param>
/// <param name="Settings">Setting names and values, as they were set.</param>
/// <param name="UpdatedAt">When it last changed; null when the collector did not say.</param>
internal sealed record ConfigOverride(ConfigScope Scope, IReadOnlyDictionary<string, string> Settings, DateTimeOffset? UpdatedAt);
