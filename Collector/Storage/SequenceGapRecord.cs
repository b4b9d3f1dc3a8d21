namespace Ingest.Collector.Storage;

/// <summary>Sequences <paramref name="FirstSequence"/>..<paramref name="LastSequence"/> of a sensor never arrived: known loss, and why.</summary>
internal sealed record SequenceGapRecord(string SensorId, long FirstSequence, long LastSequence, string Reason = SequenceGapRecord.NeverReceived)
{
    /// <summary>The reason of a gap found when a later sequence arrived first.</summary>
    public const string NeverReceived = "never received: a later sequence arrived first";

    /// <summary>The reason of a gap the sensor reported lost when it greeted.</summary>
    public const string ReportedBySensor = "reported lost by the sensor: an earlier process of it ended before sending these batches and kept no copy of their readings";

    public long BatchCount => LastSequence - FirstSequence + 1;
}
