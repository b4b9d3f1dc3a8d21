namespace Ingest.Collector.Control;

/// <summary>A sensor's configuration as a dashboard shows it next to its windows.</summary>
internal readonly record struct SensorConfigSummary(long DesiredVersion, long ReportedVersion, ConfigSyncState State, bool Paused);
