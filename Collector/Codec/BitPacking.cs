using System.Buffers.Binary;

namespace Ingest.Collector.Codec;

/// <summary>
/// Unsigned integers packed <c>width</c> bits each (0 to 64), little-endian, least significant bit first, the last
/// byte padded with zero bits: <c>n</c> integers take <see cref="PackedBytes"/> bytes.
/// </summary>
internal static class BitPacking
{
    /// <summary>The bytes <paramref name="count"/> integers of <paramref name="width"/> bits take.</summary>
    public static long PackedBytes(int count, int width) => (((long)count * width) + 7) / 8;

    /// <summary>The bits needed for every integer from 0 to <paramref name="maximum"/>.</summary>
    public static int Width(ulong maximum) => 64 - System.Numerics.BitOperations.LeadingZeroCount(maximum);

    /// <summary>Packs <paramref name="source"/> (each below 2^<paramref name="width"/>) and returns the bytes written.</summary>
    public static int Pack(ReadOnlySpan<ulong> source, int width, Span<byte> destination)
    {
        if (width == 0)
        {
            return 0;
        }

        if (width == 64)
        {
            for (var i = 0; i < source.Length; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[(i * sizeof(ulong))..], source[i]);
            }

            return source.Length * sizeof(ulong);
        }

        ulong accumulator = 0;
        var bits = 0;
        var offset = 0;
        foreach (var value in source)
        {
            accumulator |= value << bits;
            bits += width;
            if (bits >= 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[offset..], accumulator);
                offset += sizeof(ulong);
                bits -= 64;

                // The bits of value that did not fit; none when bits is 0 (value >> width is 0 for width < 64).
                accumulator = value >> (width - bits);
            }
        }

        for (; bits > 0; bits -= 8)
        {
            destination[offset++] = (byte)accumulator;
            accumulator >>= 8;
        }

        return offset;
    }

    /// <summary>
    /// Unpacks <paramref name="destination"/>.Length integers from <paramref name="source"/>, which must be exactly
    /// <see cref="PackedBytes"/> long.
    /// </summary>
    public static void Unpack(ReadOnlySpan<byte> source, int width, Span<ulong> destination)
    {
        if (source.Length != PackedBytes(destination.Length, width))
        {
            throw new ArgumentException($"{destination.Length} integers of {width} bits take {PackedBytes(destination.Length, width)} bytes, not {source.Length}.", nameof(source));
        }

        if (width == 0)
        {
            destination.Clear();
            return;
        }

        if (width == 64)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReadUInt64LittleEndian(source[(i * sizeof(ulong))..]);
            }

            return;
        }

        var mask = (1UL << width) - 1;
        ulong accumulator = 0;
        var bits = 0;
        var offset = 0;
        for (var i = 0; i < destination.Length; i++)
        {
            if (bits >= width)
            {
                destination[i] = accumulator & mask;
                accumulator >>= width;
                bits -= width;
            }
            else
            {
                var next = ReadWord(source, offset);
                offset += sizeof(ulong);
                destination[i] = (accumulator | (next << bits)) & mask;
                var taken = width - bits;
                accumulator = next >> taken;
                bits = 64 - taken;
            }
        }
    }

    private static ulong ReadWord(ReadOnlySpan<byte> source, int offset)
    {
        if (source.Length - offset >= sizeof(ulong))
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(source[offset..]);
        }

        ulong word = 0;
        for (var i = source.Length - 1; i >= offset; i--)
        {
            word = (word << 8) | source[i];
        }

        return word;
    }
}
