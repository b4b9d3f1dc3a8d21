namespace Ingest.Dashboard.Model;

/// <summary>
/// How recently the collector settled a batch from a sensor, stored or rejected, as the collector judges it: a
/// sensor whose batches are rejected is sending, so it is live while they arrive.
/// </summary>
internal enum SensorStatus
{
    /// <summary>The collector did not say.</summary>
    Unknown,

    /// <summary>A batch settled within the collector's stale threshold.</summary>
    Live,

    /// <summary>Quiet past the stale threshold, within the offline threshold.</summary>
    Stale,

    /// <summary>Quiet past the offline threshold.</summary>
    Offline,
}
