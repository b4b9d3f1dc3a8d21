using System.Buffers.Binary;

namespace Ingest.Collector.Codec;

/// <summary>
/// Chunk encoding 1, written by collectors before encoding 2 and still read: the reading count as a varint, the
/// first timestamp (µs since the Unix epoch) as a zigzag varint, each following timestamp as the zigzag varint of
/// its difference from the previous one, then every value as an 8-byte little-endian IEEE 754 double.
/// </summary>
internal static class ChunkEncoding1
{
    public const int Number = 1;

    public static byte[] Encode(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        if (timestampsMicros.Length != values.Length)
        {
            throw new ArgumentException("Timestamps and values must have the same length.", nameof(values));
        }

        var count = values.Length;
        var buffer = new byte[Varint.MaxBytes * (count + 1) + sizeof(double) * count];
        var offset = 0;
        Varint.Write(buffer, ref offset, (ulong)count);
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            Varint.Write(buffer, ref offset, Varint.ZigZag(unchecked(timestampsMicros[i] - previous)));
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
        var declared = Varint.Read(encoded, ref offset);

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
            previous = unchecked(previous + Varint.UnZigZag(Varint.Read(encoded, ref offset)));
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
}
