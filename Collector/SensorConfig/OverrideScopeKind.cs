namespace Ingest.Collector.SensorConfig;

/// <summary>What an override applies to, from the most general to the most specific.</summary>
internal enum OverrideScopeKind
{
    All = 0,
    Kind = 1,
    Sensor = 2,
}
