namespace Ingest.Collector.SensorConfig;

/// <summary>What the config store holds: the overrides and the known sensors with their versions.</summary>
internal sealed record ConfigStoreContents(IReadOnlyList<SettingsOverride> Overrides, IReadOnlyList<SensorConfigRecord> Sensors);
