using System.Buffers.Binary;

namespace Ingest.Collector.Storage;

/// <summary>
/// The encoding of a chunk's readings in the <c>chunks.readings</c> column (encoding 1): the reading count
/// as a varint, the first timestamp (µs since the Unix epoch) as a zigzag varint, each following
/// timestamp as the zigzag varint of its difference from the previous one, then every value as an
/// 8-byte little-endian IEEE 754 double.
/// </summary>
internal static class ChunkCodec
{
    public const int Encoding = 1;

    public static byte[] Encode(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        if (timestampsMicros.Length != values.Length)
        {
            throw new ArgumentException("Timestamps and values must have the same length.", nameof(values));
        }

        var count = values.Length;
        var buffer = new byte[MaxVarintBytes * (count + 1) + sizeof(double) * count];
        var offset = WriteVarint(buffer, 0, (ulong)count);
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            offset = WriteVarint(buffer, offset, ZigZag(timestampsMicros[i] - previous));
            previous = timestampsMicros[i];
        }

        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(offset), values[i]);
            offset += sizeof(double);
        }

        return buffer.AsSpan(0, offset).ToArray();
    }

    public static (long[] TimestampsMicros, double[] Values) Decode(ReadOnlySpan<byte> encoded)
    {
        var offset = 0;
        var declared = ReadVarint(encoded, ref offset);

        // Each reading takes at least one delta byte and eight value bytes.
        if (declared > (ulong)(encoded.Length - offset) / (1 + sizeof(double)))
        {
            throw new InvalidDataException($"A chunk of {encoded.Length} bytes cannot hold the {declared} readings it declares.");
        }

        var count = (int)declared;
        var timestamps = new long[count];
        var values = new double[count];
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            previous += UnZigZag(ReadVarint(encoded, ref offset));
            timestamps[i] = previous;
        }

        if (encoded.Length - offset < sizeof(double) * count)
        {
            throw new InvalidDataException($"A chunk of {count} readings ends inside its values.");
        }

        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(encoded[offset..]);
            offset += sizeof(double);
        }

        if (offset != encoded.Length)
        {
            throw new InvalidDataException($"A chunk of {count} readings has {encoded.Length - offset} trailing bytes.");
        }

        return (timestamps, values);
    }

    private const int MaxVarintBytes = 10;

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static int WriteVarint(byte[] buffer, int offset, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[offset++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[offset++] = (byte)value;
        return offset;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> buffer, ref int offset)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (offset >= buffer.Length)
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
