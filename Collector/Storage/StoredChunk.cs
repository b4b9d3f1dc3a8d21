namespace Ingest.Collector.Storage;

/// <summary>
/// A stored batch read back: its sequence and its readings, index for index, in the order the sensor sent
/// them (not necessarily in time order); <paramref name="FirstTimeMicros"/> is the earliest timestamp.
/// </summary>
internal sealed record StoredChunk(long Sequence, long FirstTimeMicros, long LastTimeMicros, long[] TimestampsMicros, double[] Values)
{
    public int Count => Values.Length;
}
