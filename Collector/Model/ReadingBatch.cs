namespace Ingest.Collector.Model;

/// <summary>
/// A validated batch of one sensor's readings: timestamps in microseconds since the Unix epoch and the
/// values, index for index, with the earliest and latest timestamp of the batch.
/// </summary>
internal sealed record ReadingBatch(
    string SensorId,
    long Sequence,
    long[] TimestampsMicros,
    double[] Values,
    long MinTimestampMicros,
    long MaxTimestampMicros)
{
    public int Count => Values.Length;
}
