using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ingest.Collector.Codec;

/// <summary>
/// Chunk encoding 2: regular timestamps and short decimal values stored compactly, losslessly.
/// <list type="number">
/// <item>The reading count as a varint (at most <see cref="ChunkCodec.MaxReadings"/>).</item>
/// <item>Timestamps (µs since the Unix epoch): the first as a zigzag varint (0 in an empty chunk), then a mode byte.
/// Mode 0, regular: one zigzag varint step that every difference between neighbours equals (0 for fewer than two
/// readings). Mode 1, delta of delta (two readings or more): the first difference as a zigzag varint, then for each
/// later reading the zigzag varint of its difference less the one before. Differences are signed and wrap, so
/// timestamps may repeat or go backwards.</item>
/// <item>Values: a mode byte. Mode 0, decimal: a byte e (0 to <see cref="DecimalValues.MaxExponent"/>), the least
/// integer m as a zigzag varint, a byte w (0 to 64), then each value's integer k less m, packed w bits each,
/// little-endian, least significant bit first, the last byte padded (<see cref="BitPacking"/>); each value is
/// exactly <c>(double)k / 10^e</c>. Mode 1, raw: every value as an 8-byte little-endian IEEE 754 double. The encoder
/// writes mode 0 when every value is such a decimal and that is smaller.</item>
/// </list>
/// Nothing follows the values.
/// </summary>
internal static class ChunkEncoding2
{
    public const int Number = 2;

    private const byte RegularTimestamps = 0;
    private const byte DeltaOfDeltaTimestamps = 1;
    private const byte DecimalValueMode = 0;
    private const byte RawValueMode = 1;

    public static byte[] Encode(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        if (timestampsMicros.Length != values.Length)
        {
            throw new ArgumentException("Timestamps and values must have the same length.", nameof(values));
        }

        var count = values.Length;
        if (count > ChunkCodec.MaxReadings)
        {
            throw new ArgumentException($"A chunk holds at most {ChunkCodec.MaxReadings} readings, not {count}.", nameof(values));
        }

        // Worst case: count, first timestamp, mode, first difference, a varint per reading; values: mode, exponent,
        // minimum, width and 8 bytes per reading. Then room for the integers to pack, 8-byte aligned.
        var worstBytes = (4 * Varint.MaxBytes) + 4 + ((Varint.MaxBytes + sizeof(double)) * count);
        var scratchStart = (worstBytes + 7) & ~7;
        var scratch = ArrayPool<byte>.Shared.Rent(scratchStart + (sizeof(ulong) * count));
        try
        {
            var buffer = scratch.AsSpan(0, worstBytes);
            var offset = 0;
            Varint.Write(buffer, ref offset, (ulong)count);
            WriteTimestamps(timestampsMicros, buffer, ref offset);
            WriteValues(values, buffer, ref offset, MemoryMarshal.Cast<byte, ulong>(scratch.AsSpan(scratchStart, sizeof(ulong) * count)));
            return buffer[..offset].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    public static (long[] TimestampsMicros, double[] Values) Decode(ReadOnlySpan<byte> encoded)
    {
        var offset = 0;
        var declared = Varint.Read(encoded, ref offset);
        if (declared > ChunkCodec.MaxReadings)
        {
            throw new InvalidDataException($"A chunk declares {declared} readings; a chunk holds at most {ChunkCodec.MaxReadings}.");
        }

        var count = (int)declared;
        var first = Varint.UnZigZag(Varint.Read(encoded, ref offset));
        var mode = ReadByte(encoded, ref offset, "timestamp mode");
        long[] timestamps;
        switch (mode)
        {
            case RegularTimestamps:
                // Read after the values, which are checked against the chunk's length first: a short chunk that
                // declares many readings is refused before the timestamps are allocated, unless its values take no
                // bits (one value repeated), where a few bytes legitimately hold up to ChunkCodec.MaxReadings readings.
                var step = Varint.UnZigZag(Varint.Read(encoded, ref offset));
                var values = ReadValues(encoded, ref offset, count);
                timestamps = new long[count];
                for (var i = 0; i < count; i++)
                {
                    timestamps[i] = unchecked(first + (i * step));
                }

                return (timestamps, values);

            case DeltaOfDeltaTimestamps:
                timestamps = ReadDeltaOfDelta(encoded, ref offset, first, count);
                return (timestamps, ReadValues(encoded, ref offset, count));

            default:
                throw new InvalidDataException($"A chunk has timestamp mode {mode}; encoding 2 knows modes 0 (regular) and 1 (delta of delta).");
        }
    }

    private static void WriteTimestamps(ReadOnlySpan<long> timestamps, Span<byte> buffer, ref int offset)
    {
        var count = timestamps.Length;
        Varint.Write(buffer, ref offset, Varint.ZigZag(count > 0 ? timestamps[0] : 0));
        var step = count > 1 ? unchecked(timestamps[1] - timestamps[0]) : 0;
        if (IsRegular(timestamps, step))
        {
            buffer[offset++] = RegularTimestamps;
            Varint.Write(buffer, ref offset, Varint.ZigZag(step));
            return;
        }

        buffer[offset++] = DeltaOfDeltaTimestamps;
        Varint.Write(buffer, ref offset, Varint.ZigZag(step));
        var previous = step;
        for (var i = 2; i < count; i++)
        {
            var delta = unchecked(timestamps[i] - timestamps[i - 1]);
            Varint.Write(buffer, ref offset, Varint.ZigZag(unchecked(delta - previous)));
            previous = delta;
        }
    }

    private static bool IsRegular(ReadOnlySpan<long> timestamps, long step)
    {
        var i = 1;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(timestamps);
            var steps = Vector256.Create(step);
            for (; i <= timestamps.Length - Vector256<long>.Count; i += Vector256<long>.Count)
            {
                var deltas = Vector256.LoadUnsafe(ref first, (nuint)i) - Vector256.LoadUnsafe(ref first, (nuint)(i - 1));
                if (!Vector256.EqualsAll(deltas, steps))
                {
                    return false;
                }
            }
        }

        for (; i < timestamps.Length; i++)
        {
            if (unchecked(timestamps[i] - timestamps[i - 1]) != step)
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteValues(ReadOnlySpan<double> values, Span<byte> buffer, ref int offset, Span<ulong> integers)
    {
        var rawBytes = 1 + (sizeof(double) * values.Length);
        if (DecimalValues.TryScale(values, out var exponent, out var min, out var max))
        {
            var width = BitPacking.Width(unchecked((ulong)(max - min)));
            var minimum = Varint.ZigZag(min);
            if (3 + Varint.Length(minimum) + BitPacking.PackedBytes(values.Length, width) < rawBytes)
            {
                buffer[offset++] = DecimalValueMode;
                buffer[offset++] = (byte)exponent;
                Varint.Write(buffer, ref offset, minimum);
                buffer[offset++] = (byte)width;
                DecimalValues.Offsets(values, exponent, min, integers);
                offset += BitPacking.Pack(integers, width, buffer[offset..]);
                return;
            }
        }

        buffer[offset++] = RawValueMode;
        MemoryMarshal.AsBytes(values).CopyTo(buffer[offset..]);
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEachDouble(buffer.Slice(offset, sizeof(double) * values.Length));
        }

        offset += sizeof(double) * values.Length;
    }

    private static long[] ReadDeltaOfDelta(ReadOnlySpan<byte> encoded, ref int offset, long first, int count)
    {
        if (count < 2)
        {
            throw new InvalidDataException($"A chunk of {count} readings has delta-of-delta timestamps, which need two readings or more.");
        }

        // The first difference, a byte for every later reading, and the values' mode byte at least.
        if (encoded.Length - offset < count)
        {
            throw new InvalidDataException($"A chunk of {count} readings ends inside its timestamps.");
        }

        var timestamps = new long[count];
        timestamps[0] = first;
        long delta = 0;
        for (var i = 1; i < count; i++)
        {
            delta = unchecked(delta + Varint.UnZigZag(Varint.Read(encoded, ref offset)));
            timestamps[i] = unchecked(timestamps[i - 1] + delta);
        }

        return timestamps;
    }

    private static double[] ReadValues(ReadOnlySpan<byte> encoded, ref int offset, int count)
    {
        var mode = ReadByte(encoded, ref offset, "value mode");
        switch (mode)
        {
            case DecimalValueMode:
            {
                var exponent = ReadByte(encoded, ref offset, "decimal exponent");
                if (exponent > DecimalValues.MaxExponent)
                {
                    throw new InvalidDataException($"A chunk has decimal exponent {exponent}; the largest is {DecimalValues.MaxExponent}.");
                }

                var min = Varint.UnZigZag(Varint.Read(encoded, ref offset));
                var width = ReadByte(encoded, ref offset, "bit width");
                if (width > 64)
                {
                    throw new InvalidDataException($"A chunk has values of {width} bits; the widest is 64.");
                }

                var packed = CheckValueBytes(encoded, offset, count, BitPacking.PackedBytes(count, width));
                var values = new double[count];
                BitPacking.Unpack(packed, width, MemoryMarshal.Cast<double, ulong>(values.AsSpan()));
                DecimalValues.FromOffsets(values, exponent, min);
                offset = encoded.Length;
                return values;
            }

            case RawValueMode:
            {
                var raw = CheckValueBytes(encoded, offset, count, (long)sizeof(double) * count);
                var values = new double[count];
                raw.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    ReverseEachDouble(MemoryMarshal.AsBytes(values.AsSpan()));
                }

                offset = encoded.Length;
                return values;
            }

            default:
                throw new InvalidDataException($"A chunk has value mode {mode}; encoding 2 knows modes 0 (decimal) and 1 (raw).");
        }
    }

    /// <summary>The value bytes, which must be the rest of the chunk and exactly <paramref name="expected"/> long.</summary>
    private static ReadOnlySpan<byte> CheckValueBytes(ReadOnlySpan<byte> encoded, int offset, int count, long expected)
    {
        var remaining = encoded.Length - offset;
        if (remaining < expected)
        {
            throw new InvalidDataException($"A chunk of {count} readings ends inside its values: {remaining} of {expected} bytes.");
        }

        if (remaining > expected)
        {
            throw new InvalidDataException($"A chunk of {count} readings has {remaining - expected} trailing bytes.");
        }

        return encoded[offset..];
    }

    private static byte ReadByte(ReadOnlySpan<byte> encoded, ref int offset, string what)
    {
        if ((uint)offset >= (uint)encoded.Length)
        {
            throw new InvalidDataException($"A chunk ends before its {what}.");
        }

        return encoded[offset++];
    }

    private static void ReverseEachDouble(Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i += sizeof(double))
        {
            bytes.Slice(i, sizeof(double)).Reverse();
        }
    }
}
