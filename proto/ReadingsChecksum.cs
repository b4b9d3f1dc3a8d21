using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Ingest.Protocol;

/// <summary>
/// The checksum of a batch's readings, a part of the wire protocol: XxHash64 over every timestamp (µs since the Unix
/// epoch, 8 bytes little-endian) and then every value (IEEE 754 bits, 8 bytes little-endian). The collector keeps it with
/// each stored chunk (<c>chunks.checksum</c>, as a signed 64-bit integer) and checks it on every read; a sensor sends it
/// in a greeting for each batch it holds, so that the collector says "stored" only for the very readings it stored. It is
/// taken of the readings, not of an encoding, so it stays the same whichever encoding a chunk is in.
/// </summary>
public static class ReadingsChecksum
{
    // Every batch is checked, on both sides: each thread keeps one hasher and resets it, rather than allocating one a batch.
    [ThreadStatic]
    private static XxHash64? t_hash;

    public static ulong Compute(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Readings checksums are defined over little-endian readings.");
        }

        var hash = t_hash ??= new XxHash64();
        hash.Reset();
        hash.Append(MemoryMarshal.AsBytes(timestampsMicros));
        hash.Append(MemoryMarshal.AsBytes(values));
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>The checksum as the collector stores it: the same 64 bits, as a signed integer.</summary>
    public static long ComputeStored(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values) =>
        unchecked((long)Compute(timestampsMicros, values));
}
