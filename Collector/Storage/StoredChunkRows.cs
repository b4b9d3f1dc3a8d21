using Ingest.Collector.Codec;
using Ingest.Protocol;

namespace Ingest.Collector.Storage;

/// <summary>
/// A <c>chunks</c> row read back, whichever engine kept it: its readings decoded and checked against the count and
/// the checksum stored with them.
/// </summary>
internal static class StoredChunkRows
{
    /// <summary>The checksum of a chunk written before checksums were kept, taken from its readings.</summary>
    public static long ChecksumOfReadings(string sensorId, long sequence, int encoding, byte[] readings, long readingCount)
    {
        var chunk = Decode(sensorId, sequence, 0, 0, encoding, readings, readingCount, checksum: null);
        return ReadingsChecksum.ComputeStored(chunk.TimestampsMicros, chunk.Values);
    }

    /// <summary>
    /// Decodes a row's readings; throws <see cref="InvalidDataException"/>, naming the chunk, when they do not match the
    /// row's count or checksum, or are in an encoding this collector does not read.
    /// </summary>
    public static StoredChunk Decode(
        string sensorId, long sequence, long firstTimeMicros, long lastTimeMicros, int encoding, byte[] readings, long readingCount, long? checksum)
    {
        if (!ChunkCodec.Reads(encoding))
        {
            throw new InvalidDataException(
                $"Chunk {sequence} of sensor '{sensorId}' has encoding {encoding}, which this collector does not read. Read it with the collector that wrote it.");
        }

        try
        {
            // Checked before decoding: a corrupt count must not size the arrays.
            var declared = ChunkCodec.DeclaredCount(readings);
            if (declared != (ulong)readingCount)
            {
                throw new InvalidDataException($"it holds {declared} readings where its row says {readingCount}");
            }

            var (timestamps, values) = ChunkCodec.Decode(encoding, readings);

            // Chunks written before checksums were kept (schema version 3 and older) have none to compare.
            if (checksum is { } expected && ReadingsChecksum.ComputeStored(timestamps, values) != expected)
            {
                throw new InvalidDataException("its readings do not match the checksum stored with them");
            }

            return new StoredChunk(sequence, firstTimeMicros, lastTimeMicros, timestamps, values);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"Chunk {sequence} of sensor '{sensorId}' is corrupt: {ex.Message}", ex);
        }
    }
}
