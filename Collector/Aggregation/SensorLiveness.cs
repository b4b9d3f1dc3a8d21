namespace Ingest.Collector.Aggregation;

/// <summary>How recently the collector committed readings from a sensor, by the wall clock.</summary>
internal enum SensorLiveness
{
    /// <summary>Heard from within the stale threshold.</summary>
    Live,

    /// <summary>Quiet past the stale threshold; its open windows are closed.</summary>
    Stale,

    /// <summary>Quiet past the offline threshold.</summary>
    Offline,
}
