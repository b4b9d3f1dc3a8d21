namespace Ingest.SensorSimulator.Sampling;

/// <summary>A batch of one sensor's readings, numbered and closed: it will never change.</summary>
/// <param name="Sequence">The batch's sequence number, contiguous per sensor, from 1.</param>
/// <param name="Readings">The readings in event-time order.</param>
internal sealed record SealedBatch(ulong Sequence, IReadOnlyList<Reading> Readings)
{
    /// <summary>How many readings the batch holds.</summary>
    public int Count => Readings.Count;
}
