namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// An unsettled batch: queued for writing, or written at <see cref="Segment"/> and <see cref="Offset"/>.
/// Changed only under the spool's lock.
/// </summary>
internal sealed class SpooledBatch(SpoolSensor sensor, ulong sequence, int recordBytes)
{
    /// <summary>The sensor the batch belongs to.</summary>
    public SpoolSensor Sensor { get; } = sensor;

    /// <summary>The batch's sequence.</summary>
    public ulong Sequence { get; } = sequence;

    /// <summary>The bytes of its batch record.</summary>
    public int RecordBytes { get; } = recordBytes;

    /// <summary>The bytes its settlement record will take, held in reserve until it is written.</summary>
    public int SettleBytes => SpoolFormat.SmallRecordBytes(Sensor.IdBytes.Length, Sequence);

    /// <summary>The segment holding its newest copy; null while it is queued.</summary>
    public SpoolSegment? Segment { get; set; }

    /// <summary>Where its newest copy starts in <see cref="Segment"/>.</summary>
    public long Offset { get; set; }
}
