using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ingest.Collector.Codec;

/// <summary>
/// Finds whether every value of a chunk is a short decimal: an integer <c>k</c> over <c>10^e</c> such that the
/// double <c>(double)k / 10^e</c> is the value, bit for bit, with <c>|k| ≤ 2^53</c> so that every conversion is
/// exact. The check uses the very expression the decoder uses, so a chunk that passes round-trips by construction.
/// </summary>
internal static class DecimalValues
{
    /// <summary>The largest decimal exponent: 10^15 and every smaller power of ten are exact doubles.</summary>
    public const int MaxExponent = 15;

    /// <summary>The largest |k|: 2^53, up to which every integer is an exact double.</summary>
    private const double MaxMagnitude = 9007199254740992.0;

    /// <summary>The bits of -0.0, which no decimal gives (0 / 10^e is +0.0).</summary>
    private const long NegativeZeroBits = long.MinValue;

    /// <summary>10^e for e from 0 to <see cref="MaxExponent"/>.</summary>
    public static ReadOnlySpan<double> Pow10 =>
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// The smallest exponent at which every value is a decimal, with the least and greatest integer at that
    /// exponent; false when some value is none (too many places, too large, -0.0, NaN, infinite) or there are none.
    /// </summary>
    public static bool TryScale(ReadOnlySpan<double> values, out int exponent, out long min, out long max)
    {
        (exponent, min, max) = (0, 0, 0);
        if (values.IsEmpty)
        {
            return false;
        }

        // One pass raising the exponent where a value needs it: values after the last raise are checked at the
        // final exponent, those before it only at a smaller one, so they are checked again. Passing is monotone in
        // the exponent (k / 10^e and 10k / 10^(e+1) are the same rational), so that check fails only at the edge
        // of |k| ≤ 2^53, where the chunk is stored raw.
        var e = 0;
        var checkedFrom = 0;
        var (low, high) = (double.PositiveInfinity, double.NegativeInfinity);
        int failed;
        while ((failed = Check(values, checkedFrom, values.Length, Pow10[e], ref low, ref high)) < values.Length)
        {
            do
            {
                if (++e > MaxExponent)
                {
                    return false;
                }
            }
            while (!Passes(values[failed], Pow10[e], out _));

            checkedFrom = failed;
            (low, high) = (double.PositiveInfinity, double.NegativeInfinity);
        }

        if (checkedFrom > 0 && Check(values, 0, checkedFrom, Pow10[e], ref low, ref high) < checkedFrom)
        {
            return false;
        }

        (exponent, min, max) = (e, (long)low, (long)high);
        return true;
    }

    /// <summary>Each value's integer at <paramref name="exponent"/> less <paramref name="min"/> (values that passed <see cref="TryScale"/>).</summary>
    public static void Offsets(ReadOnlySpan<double> values, int exponent, long min, Span<ulong> destination)
    {
        var scale = Pow10[exponent];
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(values);
            ref var target = ref MemoryMarshal.GetReference(destination[..values.Length]);
            var (vectorScale, vectorMin) = (Vector256.Create(scale), Vector256.Create(min));
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var k = Vector256.ConvertToInt64(Vector256.Round(Vector256.LoadUnsafe(ref source, (nuint)i) * vectorScale));
                (k - vectorMin).AsUInt64().StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            destination[i] = (ulong)((long)Math.Round(values[i] * scale) - min);
        }
    }

    /// <summary>
    /// Turns integers less <paramref name="min"/> (stored in <paramref name="values"/> as their 64-bit patterns)
    /// into the values <c>(double)(min + offset) / 10^exponent</c>, in place.
    /// </summary>
    public static void FromOffsets(Span<double> values, int exponent, long min)
    {
        var scale = Pow10[exponent];
        var offsets = MemoryMarshal.Cast<double, long>(values);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var target = ref MemoryMarshal.GetReference(offsets);
            var (vectorScale, vectorMin) = (Vector256.Create(scale), Vector256.Create(min));
            for (; i <= offsets.Length - Vector256<long>.Count; i += Vector256<long>.Count)
            {
                var k = Vector256.LoadUnsafe(ref target, (nuint)i) + vectorMin;
                (Vector256.ConvertToDouble(k) / vectorScale).AsInt64().StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < offsets.Length; i++)
        {
            values[i] = (double)unchecked(min + offsets[i]) / scale;
        }
    }

    /// <summary>
    /// Checks values from <paramref name="start"/> to <paramref name="end"/> at one scale, widening
    /// [<paramref name="low"/>, <paramref name="high"/>] to their integers; returns the first that fails, or <paramref name="end"/>.
    /// </summary>
    private static int Check(ReadOnlySpan<double> values, int start, int end, double scale, ref double low, ref double high)
    {
        var i = start;
        if (Vector256.IsHardwareAccelerated && end - start >= Vector256<double>.Count)
        {
            ref var source = ref MemoryMarshal.GetReference(values);
            var vectorScale = Vector256.Create(scale);
            var limit = Vector256.Create(MaxMagnitude);
            var negativeZero = Vector256.Create(NegativeZeroBits);
            var (vectorLow, vectorHigh) = (Vector256.Create(double.PositiveInfinity), Vector256.Create(double.NegativeInfinity));
            for (; i <= end - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var value = Vector256.LoadUnsafe(ref source, (nuint)i);
                var k = Vector256.Round(value * vectorScale);
                var bits = value.AsInt64();
                var passes = Vector256.Equals((k / vectorScale).AsInt64(), bits)
                    & ~Vector256.Equals(bits, negativeZero)
                    & Vector256.LessThanOrEqual(Vector256.Abs(k), limit).AsInt64();
                if (passes != Vector256<long>.AllBitsSet)
                {
                    break;
                }

                vectorLow = Vector256.MinNative(vectorLow, k);
                vectorHigh = Vector256.MaxNative(vectorHigh, k);
            }

            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                low = Math.Min(low, vectorLow[lane]);
                high = Math.Max(high, vectorHigh[lane]);
            }
        }

        for (; i < end; i++)
        {
            if (!Passes(values[i], scale, out var k))
            {
                return i;
            }

            low = Math.Min(low, k);
            high = Math.Max(high, k);
        }

        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Passes(double value, double scale, out double k)
    {
        k = Math.Round(value * scale);
        var bits = BitConverter.DoubleToInt64Bits(value);
        return Math.Abs(k) <= MaxMagnitude && bits != NegativeZeroBits && BitConverter.DoubleToInt64Bits(k / scale) == bits;
    }
}
