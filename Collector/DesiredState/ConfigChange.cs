namespace Ingest.Collector.DesiredState;

/// <summary>What one change did: how many known sensors got a new desired version, and that version (0 when none).</summary>
internal readonly record struct ConfigChange(int SensorsAffected, long Version)
{
    public static ConfigChange None => default;
}
