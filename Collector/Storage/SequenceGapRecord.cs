namespace Ingest.Collector.Storage;

/// <summary>Sequences <paramref name="FirstSequence"/>..<paramref name="LastSequence"/> of a sensor never arrived: known loss.</summary>
internal sealed record SequenceGapRecord(string SensorId, long FirstSequence, long LastSequence)
{
    public long BatchCount => LastSequence - FirstSequence + 1;
}
