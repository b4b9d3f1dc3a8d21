using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Ingest.Collector.Storage;

/// <summary>
/// The checksum of a chunk's readings: XxHash64 over every timestamp (µs, 8 bytes little-endian) and then every value
/// (IEEE 754 bits, 8 bytes little-endian). It is taken of the readings, not of their encoding, so it checks the
/// stored bytes and the decoder both, stays the same whichever encoding a chunk is in, and tells whether a resend
/// carries the readings stored under its sequence. Kept in <c>chunks.checksum</c> as a signed 64-bit integer.
/// </summary>
internal static class ChunkChecksum
{
    public static long Compute(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Chunk checksums are defined over little-endian readings.");
        }

        var hash = new XxHash64();
        hash.Append(MemoryMarshal.AsBytes(timestampsMicros));
        hash.Append(MemoryMarshal.AsBytes(values));
        return unchecked((long)hash.GetCurrentHashAsUInt64());
    }
}
