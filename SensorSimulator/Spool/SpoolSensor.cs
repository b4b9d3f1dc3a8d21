namespace Ingest.SensorSimulator.Spool;

/// <summary>What the spool knows of one sensor. Changed only under the spool's lock.</summary>
internal sealed class SpoolSensor(string sensorId)
{
    /// <summary>The sensor id.</summary>
    public string SensorId { get; } = sensorId;

    /// <summary>The sensor id's UTF-8 bytes, as every record of this sensor carries them.</summary>
    public byte[] IdBytes { get; } = SpoolFormat.SensorIdBytes(sensorId);

    /// <summary>The highest sequence ever written for this sensor, settled or not.</summary>
    public ulong HighestSequence { get; set; }

    /// <summary>
    /// The segment of the newest record that carries <see cref="HighestSequence"/>: before that segment is
    /// deleted, a high-water record carries the sequence forward.
    /// </summary>
    public SpoolSegment? HighestSegment { get; set; }

    /// <summary>The sensor's unsettled batches by sequence, queued or written.</summary>
    public Dictionary<ulong, SpooledBatch> Live { get; } = [];

    /// <summary>Notes that a record carrying <paramref name="sequence"/> now lies in <paramref name="segment"/>.</summary>
    public void Saw(ulong sequence, SpoolSegment segment)
    {
        if (sequence >= HighestSequence)
        {
            HighestSequence = sequence;
            HighestSegment = segment;
        }
    }
}
