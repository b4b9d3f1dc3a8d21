namespace Ingest.Collector.Codec;

/// <summary>
/// The encoding of a chunk's readings in the <c>chunks.readings</c> column, numbered in <c>chunks.encoding</c>:
/// chunks are written in <see cref="ChunkEncoding2"/>, and chunks of <see cref="ChunkEncoding1"/>, which earlier
/// collectors wrote, still read.
/// </summary>
internal static class ChunkCodec
{
    /// <summary>The encoding <see cref="Encode"/> writes.</summary>
    public const int Encoding = ChunkEncoding2.Number;

    /// <summary>The most readings a chunk holds: the upper bound of <c>Collector:Ingestion:MaxReadingsPerBatch</c>.</summary>
    public const int MaxReadings = 1_000_000;

    /// <summary>Whether this collector reads chunks of <paramref name="encoding"/>.</summary>
    public static bool Reads(int encoding) => encoding is ChunkEncoding1.Number or ChunkEncoding2.Number;

    /// <summary>The readings in encoding <see cref="Encoding"/>, in one exactly sized array.</summary>
    public static byte[] Encode(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values) =>
        ChunkEncoding2.Encode(timestampsMicros, values);

    /// <summary>The reading count a chunk declares (both encodings begin with it), read without decoding the chunk.</summary>
    public static ulong DeclaredCount(ReadOnlySpan<byte> encoded)
    {
        var offset = 0;
        return Varint.Read(encoded, ref offset);
    }

    /// <summary>The readings of a chunk; <see cref="InvalidDataException"/> for an unknown encoding or corrupt data.</summary>
    public static (long[] TimestampsMicros, double[] Values) Decode(int encoding, ReadOnlySpan<byte> encoded) => encoding switch
    {
        ChunkEncoding1.Number => ChunkEncoding1.Decode(encoded),
        ChunkEncoding2.Number => ChunkEncoding2.Decode(encoded),
        _ => throw new InvalidDataException(
            $"Chunk encoding {encoding} is unknown; this collector reads encodings {ChunkEncoding1.Number} and {ChunkEncoding2.Number}. Read it with the collector that wrote it."),
    };
}
