using Ingest.Collector.Codec;
using Ingest.Protocol;

namespace Ingest.Collector.Model;

/// <summary>
/// A validated batch of one sensor's readings on its way to storage and the aggregates, already in its
/// stored form: encoded once, where it was validated, so that what waits for commit is a few kilobytes
/// per batch rather than the readings' arrays, and the storage writer only writes it. Carries the earliest
/// and latest timestamp (µs since the Unix epoch), whether the timestamps are in order, and, for an
/// ordered batch, its <see cref="WindowRuns"/> when they were computed. <see cref="Decode"/> gives the readings back.
/// </summary>
internal sealed class ReadingBatch
{
    /// <summary>A batch from its readings, index for index (tests and tools; the ingest path uses <see cref="FromReadings"/>).</summary>
    public ReadingBatch(string sensorId, long sequence, long[] timestampsMicros, double[] values, long minTimestampMicros, long maxTimestampMicros)
        : this(sensorId, sequence, values.Length, minTimestampMicros, maxTimestampMicros, ChunkCodec.Encoding,
            ChunkCodec.Encode(timestampsMicros, values), ReadingsChecksum.ComputeStored(timestampsMicros, values), IsNonDecreasing(timestampsMicros), runs: null)
    {
    }

    private ReadingBatch(
        string sensorId, long sequence, int count, long minTimestampMicros, long maxTimestampMicros, int encoding, byte[] encodedReadings, long checksum,
        bool isTimeOrdered, WindowRuns? runs)
    {
        Checksum = checksum;
        SensorId = sensorId;
        Sequence = sequence;
        Count = count;
        MinTimestampMicros = minTimestampMicros;
        MaxTimestampMicros = maxTimestampMicros;
        Encoding = encoding;
        EncodedReadings = encodedReadings;
        IsTimeOrdered = isTimeOrdered;
        Runs = runs;
    }

    public string SensorId { get; }

    public long Sequence { get; }

    public int Count { get; }

    public long MinTimestampMicros { get; }

    public long MaxTimestampMicros { get; }

    /// <summary>The encoding of <see cref="EncodedReadings"/> (see <see cref="ChunkCodec"/>).</summary>
    public int Encoding { get; }

    /// <summary>The readings as they are stored.</summary>
    public byte[] EncodedReadings { get; }

    /// <summary>The readings' <see cref="ReadingsChecksum"/>: stored with the chunk, and compared with a resend of its sequence.</summary>
    public long Checksum { get; }

    /// <summary>True when every timestamp is at or after the one before it.</summary>
    public bool IsTimeOrdered { get; }

    /// <summary>The batch summed up per window size of the aggregates; null when not computed (or not time-ordered).</summary>
    public WindowRuns? Runs { get; }

    /// <summary>The batch on the ingest path: encoded from the validated readings, with its window runs if it has them.</summary>
    public static ReadingBatch FromReadings(
        string sensorId, long sequence, ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values, long minTimestampMicros, long maxTimestampMicros,
        bool isTimeOrdered, WindowRuns? runs) =>
        new(sensorId, sequence, values.Length, minTimestampMicros, maxTimestampMicros, ChunkCodec.Encoding,
            ChunkCodec.Encode(timestampsMicros, values), ReadingsChecksum.ComputeStored(timestampsMicros, values), isTimeOrdered, runs);

    /// <summary>The readings, decoded from their stored form: timestamps (µs since the Unix epoch) and values, index for index.</summary>
    public (long[] TimestampsMicros, double[] Values) Decode() => ChunkCodec.Decode(Encoding, EncodedReadings);

    private static bool IsNonDecreasing(ReadOnlySpan<long> timestamps)
    {
        for (var i = 1; i < timestamps.Length; i++)
        {
            if (timestamps[i] < timestamps[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
