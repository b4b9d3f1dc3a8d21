using System.Collections.Immutable;

namespace Ingest.Collector.SensorConfig;

/// <summary>An operator's override for one scope: canonical setting names to canonical values, and when it last changed.</summary>
internal sealed record SettingsOverride(OverrideScope Scope, ImmutableSortedDictionary<string, string> Settings, DateTimeOffset UpdatedAt);
