using System.Numerics;

namespace Ingest.Collector.Codec;

/// <summary>
/// Base-128 varints (7 bits a byte, least significant group first, high bit set on every byte but the last) and
/// zigzag mapping of signed integers to unsigned ones, as the chunk encodings use them.
/// </summary>
internal static class Varint
{
    /// <summary>The most bytes a 64-bit varint takes.</summary>
    public const int MaxBytes = 10;

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>The bytes <paramref name="value"/> takes as a varint.</summary>
    public static int Length(ulong value) => (70 - BitOperations.LeadingZeroCount(value | 1)) / 7;

    public static void Write(Span<byte> buffer, ref int offset, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[offset++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[offset++] = (byte)value;
    }

    public static ulong Read(ReadOnlySpan<byte> buffer, ref int offset)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if ((uint)offset >= (uint)buffer.Length)
            {
                throw new InvalidDataException("A chunk ends inside a varint.");
            }

            var b = buffer[offset++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("A chunk has a varint longer than 10 bytes.");
    }
}
