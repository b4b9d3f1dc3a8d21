namespace Ingest.Collector.SensorConfig;

/// <summary>A row of <c>sensor_configs</c>: a known sensor, its kind and the version and hash of its desired configuration.</summary>
internal sealed record SensorConfigRecord(string SensorId, string Kind, long Version, string Hash);
