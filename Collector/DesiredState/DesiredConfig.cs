using Ingest.Collector.SensorConfig;
namespace Ingest.Collector.DesiredState;

/// <summary>A known sensor's desired configuration: its kind, the version and hash it was given, and the values.</summary>
internal sealed record DesiredConfig(string SensorId, string Kind, long Version, string Hash, SensorConfigValues Config);
