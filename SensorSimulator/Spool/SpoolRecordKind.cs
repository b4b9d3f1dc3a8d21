namespace Ingest.SensorSimulator.Spool;

/// <summary>What a spool record says; its first body byte (see <see cref="SpoolFormat"/>).</summary>
internal enum SpoolRecordKind : byte
{
    /// <summary>A sealed batch: sensor, sequence and every reading.</summary>
    Batch = 1,

    /// <summary>A batch left the sensor's buffer (acked, rejected, lost or dropped): it is not to be resent.</summary>
    Settled = 2,

    /// <summary>
    /// The highest sequence a sensor has sealed, carried forward when the segment that held it is deleted,
    /// so that a restarted process numbers after it even when every batch was settled.
    /// </summary>
    HighWater = 3,

    /// <summary>
    /// A sealed batch of a spool that keeps no readings: sensor, sequence and reading count only. It cannot be
    /// resent; it lets a restarted process report the batch lost, so that the loss is counted.
    /// </summary>
    SealedCount = 4,
}
