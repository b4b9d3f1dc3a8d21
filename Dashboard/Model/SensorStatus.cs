namespace Ingest.Dashboard.Model;

/// <summary>How recently the collector committed readings from a sensor, as the collector judges it.</summary>
internal enum SensorStatus
{
    /// <summary>The collector did not say.</summary>
    Unknown,

    /// <summary>Readings committed within the collector's stale threshold.</summary>
    Live,

    /// <summary>Quiet past the stale threshold, within the offline threshold.</summary>
    Stale,

    /// <summary>Quiet past the offline threshold.</summary>
    Offline,
}
