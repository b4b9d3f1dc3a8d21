namespace Ingest.Collector.Control;

/// <summary>How a sensor's reported configuration compares with its desired one.</summary>
internal enum ConfigSyncState
{
    /// <summary>The desired version is not acknowledged yet (sent, or waiting for the sensor to connect).</summary>
    Pending = 0,

    /// <summary>The sensor runs the desired version.</summary>
    InSync = 1,

    /// <summary>The sensor rejected the desired version and runs its last good one.</summary>
    Rejected = 2,
}
