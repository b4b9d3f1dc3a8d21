using Ingest.Collector.Codec;
using Ingest.Collector.Tests.TestDoubles;

namespace Ingest.Collector.Tests.Codec;

public sealed class ChunkCodecTests
{
    private const double TwoTo53 = 9007199254740992.0;

    /// <summary>0.1 + 0.2, 0.30000000000000004: 17 significant digits, more places than a decimal may have.</summary>
    private const double NotADecimal = 0.1 + 0.2;

    public static TheoryData<long[], double[]> RoundTripCases => new()
    {
        { [TestBatches.BaseMicros, TestBatches.BaseMicros + 10_000, TestBatches.BaseMicros + 20_000], [1.0, 2.0, 3.0] },
        { [TestBatches.BaseMicros, TestBatches.BaseMicros + 7, TestBatches.BaseMicros + 1_000_123, TestBatches.BaseMicros + 134_000_000_000], [0.1, -0.0, double.Epsilon, 1e300] },
        { [TestBatches.BaseMicros, TestBatches.BaseMicros - 500, TestBatches.BaseMicros - 500, TestBatches.BaseMicros + 2], [-1.5, -2.5, 3.5, 4.5] },
        { [long.MaxValue, long.MinValue, 0, long.MaxValue - 1, long.MinValue + 1], [double.MaxValue, double.MinValue, 0.0, -1.0, 1.0] },
        { [long.MinValue, long.MaxValue, long.MinValue], [1.0, 1.0, 1.0] },
        { [TestBatches.BaseMicros], [42.0] },
        { [TestBatches.BaseMicros], [21.375] },
        { [TestBatches.BaseMicros], [-0.0] },
        { [0], [0.0] },
        { Regular(8), [1.5, 2.5, -0.0, 3.5, 4.5, 5.5, 6.5, 7.5] },
        { Regular(9), [0.0, 0.0, 0.0, 0.0, -0.0, 0.0, 0.0, 0.0, 0.0] },
        { Regular(6), [double.Epsilon, 2.2250738585072014E-309, -double.Epsilon, 1e-320, 2.2250738585072014E-308, 0.0] },
        { Regular(5), [1e300, -1e300, 1e15, 1e16, 1e22] },
        { Regular(7), [0.1 + 0.2, 0.3, 0.1, 0.2, 1.1, 2.2, 3.3] },
        { Regular(5), [TwoTo53, -TwoTo53, TwoTo53 - 1, 1 - TwoTo53, 0.0] },
        { Regular(5), [TwoTo53 + 2, -TwoTo53, 1.5, 2.0, 3.0] },
        { Regular(6), [(TwoTo53 - 1) / 1e3, -(TwoTo53 - 1) / 1e3, TwoTo53 / 1e3, 1.0, (TwoTo53 + 2) / 1e3, 0.001] },
        { Regular(4), [(TwoTo53 - 1) / 1e15, -(TwoTo53 - 1) / 1e15, 1e-15, -1e-15] },
        { Regular(5), [1e-16, 1.0, 2.0, 3.0, 4.0] },
        { Regular(5), [123456789.123456, -0.000001, 42.0, 1e9, -1e9] },
        { [10, 20, 31, 39, 52, 49, 49, 100_000_000_000], [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7] },
        { [5, 5], [1.0, 2.0] },
        { [5, 4], [1.0, 2.0] },
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Decode_OfEncode_IsTheInputBitForBit(long[] timestamps, double[] values) =>
        AssertRoundTrip(timestamps, values, "");

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Decode_OfEncoding1Chunk_IsTheInputBitForBit(long[] timestamps, double[] values)
    {
        var (decodedTimestamps, decodedValues) = ChunkCodec.Decode(ChunkEncoding1.Number, ChunkEncoding1.Encode(timestamps, values));

        Assert.Equal(timestamps, decodedTimestamps);
        Assert.Equal(Bits(values), Bits(decodedValues));
    }

    [Fact]
    public void Encode_WritesWhatEncoding2Reads()
    {
        long[] timestamps = [TestBatches.BaseMicros, TestBatches.BaseMicros + 10, TestBatches.BaseMicros + 20];
        double[] values = [21.375, -3.5, 0.125];

        var decoded = ChunkEncoding2.Decode(ChunkCodec.Encode(timestamps, values));

        Assert.Equal(2, ChunkCodec.Encoding);
        Assert.Equal(timestamps, decoded.TimestampsMicros);
        Assert.Equal(values, decoded.Values);
    }

    [Fact]
    public void Decode_OfEncodedEmptyChunk_IsEmpty()
    {
        var (timestamps, values) = ChunkCodec.Decode(ChunkCodec.Encoding, ChunkCodec.Encode([], []));

        Assert.Empty(timestamps);
        Assert.Empty(values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Encode_RandomDecimalsOfUpToSixPlaces_AreFoundAsDecimalsAndRoundTrip(int seed)
    {
        // Below 2^51, an integer over 10^e multiplied back by 10^e is within 0.5 of that integer, so every value
        // Math.Round gives (which is k / 10^places) is found to be a decimal of at most that many places.
        const double Exact = 2251799813685248.0;
        var random = new Random(seed);
        for (var chunk = 0; chunk < 200; chunk++)
        {
            var count = random.Next(1, 1200);
            var range = Math.Pow(10, random.Next(0, 10));
            var offset = random.Next(3) switch { 0 => 0, 1 => -range, _ => range * 5 };
            var places = Math.Min(random.Next(0, 7), (int)Math.Floor(Math.Log10(Exact / (Math.Abs(offset) + range))));
            var mixedPlaces = random.Next(2) == 0;
            var timestamps = Jittery(random, count, random.Next(0, 3) * 100);
            var values = new double[count];
            for (var i = 0; i < count; i++)
            {
                // + 0.0 turns the -0.0 that rounding a small negative value gives into 0.0; -0.0 is stored raw.
                values[i] = Math.Round(offset + ((random.NextDouble() * 2) - 1) * range, mixedPlaces ? random.Next(0, places + 1) : places) + 0.0;
            }

            var because = $"seed {seed}, chunk {chunk}: {count} readings of {places} places within ±{range} of {offset}";
            var encoded = AssertRoundTrip(timestamps, values, because);
            Assert.True(DecimalValues.TryScale(values, out var exponent, out _, out _) && exponent <= places, $"{because}: not found as decimals of at most {places} places");
            var raw = ChunkCodec.Encode(timestamps, [.. values.Select(_ => NotADecimal)]);
            Assert.True(encoded.Length <= raw.Length, $"{because}: {encoded.Length} bytes, more than the {raw.Length} of raw values");
        }
    }

    [Fact]
    public void Encode_DecimalsWithOneValueThatIsNone_StoresRawAndRoundTrips()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 1000).Select(_ => Math.Round(random.NextDouble() * 100, 2)).ToArray();
        values[700] = NotADecimal;

        var encoded = AssertRoundTrip(Regular(values.Length), values, "");

        Assert.True(encoded.Length > sizeof(double) * values.Length, $"{encoded.Length} bytes: the values are not raw doubles");
    }

    [Fact]
    public void Encode_RandomDoubles_RoundTrip()
    {
        var random = new Random(12);
        var values = Enumerable.Range(0, 1001).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())).Where(double.IsFinite).ToArray();

        AssertRoundTrip(Jittery(random, values.Length, 200), values, "");
    }

    [Fact]
    public void Encode_ThousandReadingsEvery10MicrosecondsOfThreePlaces_TakesThePackedBitsTheValuesNeedPlusTheHeaders()
    {
        var random = new Random(13);
        const int Count = 1000;
        const long IntervalMicros = 10;
        var timestamps = Enumerable.Range(0, Count).Select(i => TestBatches.BaseMicros + (i * IntervalMicros)).ToArray();
        var values = Enumerable.Range(0, Count).Select(_ => Math.Round((random.NextDouble() * 100) - 20, 3)).ToArray();
        var integers = values.Select(v => (long)Math.Round(v * 1e3)).ToArray();
        var width = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(integers.Max() - integers.Min()));

        var encoded = ChunkCodec.Encode(timestamps, values);

        var headers = Varint.Length(Count) + Varint.Length(Varint.ZigZag(timestamps[0])) + 1 + Varint.Length(Varint.ZigZag(IntervalMicros))
            + 3 + Varint.Length(Varint.ZigZag(integers.Min()));
        Assert.Equal(headers + (((Count * width) + 7) / 8), encoded.Length);
        Assert.InRange(width, 1, 17);
    }

    [Fact]
    public void Encode_RegularTimestamps_TakeNoBytesPerReading()
    {
        var values = Enumerable.Repeat(21.5, 1000).ToArray();

        var encoded = ChunkCodec.Encode(Regular(values.Length), values);

        Assert.True(encoded.Length < 32, $"{encoded.Length} bytes for regular timestamps and one repeated value");
        AssertRoundTrip(Regular(values.Length), values, "");
    }

    [Fact]
    public void Encode_DifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => ChunkCodec.Encode([1, 2], [1.0]));

    [Fact]
    public void Encode_MoreThanMaxReadings_Throws() =>
        Assert.Throws<ArgumentException>(() => ChunkCodec.Encode(new long[ChunkCodec.MaxReadings + 1], new double[ChunkCodec.MaxReadings + 1]));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Decode_UnknownEncoding_ThrowsInvalidDataNamingIt(int encoding)
    {
        var error = Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(encoding, ChunkCodec.Encode([1], [1.0])));

        Assert.Contains($"encoding {encoding} is unknown", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, long[], double[]> ValidChunks => new()
    {
        { "decimal values, regular timestamps", Regular(9), [1.5, 2.25, -3.125, 4.0, 5.5, 6.0, 7.0, 8.0, 9.0] },
        { "raw values, delta-of-delta timestamps", [1, 3, 2, 100, 100, 7], [Math.PI, Math.E, 1.0, 2.0, 3.0, 4.0] },
        { "one reading", [TestBatches.BaseMicros], [21.375] },
    };

    [Theory]
    [MemberData(nameof(ValidChunks))]
    public void Decode_TruncatedAtAnyByte_ThrowsInvalidData(string chunk, long[] timestamps, double[] values)
    {
        var encoded = ChunkCodec.Encode(timestamps, values);

        for (var length = 0; length < encoded.Length; length++)
        {
            var truncated = encoded[..length];
            var error = Record.Exception(() => ChunkCodec.Decode(ChunkCodec.Encoding, truncated));
            Assert.True(error is InvalidDataException, $"{chunk} cut to {length} of {encoded.Length} bytes: {error?.GetType().Name ?? "no exception"}");
        }
    }

    [Theory]
    [MemberData(nameof(ValidChunks))]
    public void Decode_TrailingBytes_ThrowsInvalidDataNamingThem(string chunk, long[] timestamps, double[] values)
    {
        var padded = ChunkCodec.Encode(timestamps, values).Concat(new byte[3]).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(ChunkCodec.Encoding, padded));

        Assert.True(error.Message.Contains("3 trailing bytes", StringComparison.Ordinal), $"{chunk}: {error.Message}");
    }

    // One reading at 0 µs of value 1: count 1, first timestamp 0, mode regular, step 0, value mode decimal,
    // exponent 0, minimum 1 (zigzag 2), width 0.
    private static readonly byte[] OneReading = [1, 0, 0, 0, 0, 0, 2, 0];

    [Fact]
    public void Decode_HandWrittenChunk_IsItsReading()
    {
        var (timestamps, values) = ChunkCodec.Decode(ChunkCodec.Encoding, OneReading);

        Assert.Equal([0L], timestamps);
        Assert.Equal([1.0], values);
    }

    [Theory]
    [InlineData(2, 2, "timestamp mode 2")]
    [InlineData(2, 255, "timestamp mode 255")]
    [InlineData(2, 1, "delta-of-delta")]
    [InlineData(4, 2, "value mode 2")]
    [InlineData(4, 255, "value mode 255")]
    [InlineData(5, 16, "decimal exponent 16")]
    [InlineData(5, 255, "decimal exponent 255")]
    [InlineData(7, 65, "values of 65 bits")]
    [InlineData(7, 1, "ends inside its values")]
    public void Decode_BadHeaderByte_ThrowsInvalidDataNamingIt(int index, byte value, string expected)
    {
        var corrupt = OneReading.ToArray();
        corrupt[index] = value;

        var error = Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(ChunkCodec.Encoding, corrupt));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CountOverMaxReadings_ThrowsInvalidData()
    {
        var blob = new byte[Varint.MaxBytes];
        var offset = 0;
        Varint.Write(blob, ref offset, ChunkCodec.MaxReadings + 1UL);

        var error = Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(ChunkCodec.Encoding, blob.AsSpan(0, offset)));

        Assert.Contains($"at most {ChunkCodec.MaxReadings}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CountLargerThanAnInt_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(ChunkCodec.Encoding, [0x80, 0x80, 0x80, 0x80, 0x10]));

    [Theory]
    [InlineData(1)] // delta-of-delta timestamps
    [InlineData(0)] // regular timestamps, then raw values
    public void Decode_ShortChunkDeclaringMaxReadings_ThrowsBeforeAllocatingThem(byte timestampMode)
    {
        var blob = new byte[Varint.MaxBytes + 8];
        var offset = 0;
        Varint.Write(blob, ref offset, ChunkCodec.MaxReadings);
        blob[offset++] = 0;
        blob[offset++] = timestampMode;
        blob[offset++] = 2;
        blob[offset++] = 1;
        blob[offset++] = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(ChunkCodec.Encoding, blob.AsSpan(0, offset)));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < ChunkCodec.MaxReadings * sizeof(long), $"decoding allocated {allocated} bytes");
    }

    [Fact]
    public void Decode_VarintLongerThanTenBytes_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(ChunkCodec.Encoding, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]));

    [Fact]
    public void Decode_Encoding1TruncatedInsideValues_ThrowsInvalidData()
    {
        var encoded = ChunkEncoding1.Encode([TestBatches.BaseMicros, TestBatches.BaseMicros + 10_000], [1.0, 2.0]);

        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(ChunkEncoding1.Number, encoded.AsSpan(0, encoded.Length - 1)));
    }

    [Fact]
    public void Decode_Encoding1CountLargerThanTheChunk_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(ChunkEncoding1.Number, [0x80, 0x80, 0x80, 0x80, 0x10]));

    private static byte[] AssertRoundTrip(long[] timestamps, double[] values, string because)
    {
        var encoded = ChunkCodec.Encode(timestamps, values);
        var (decodedTimestamps, decodedValues) = ChunkCodec.Decode(ChunkCodec.Encoding, encoded);

        Assert.True(timestamps.SequenceEqual(decodedTimestamps), $"{because}: timestamps differ");
        var (expected, actual) = (Bits(values), Bits(decodedValues));
        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(expected[i] == actual[i], $"{because}: value {i} is {values[i]:R} ({expected[i]:X16}) but decodes to {decodedValues[i]:R} ({actual[i]:X16})");
        }

        Assert.Equal(values.Length, decodedValues.Length);
        return encoded;
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    private static long[] Regular(int count) => [.. Enumerable.Range(0, count).Select(i => TestBatches.BaseMicros + (i * 10_000L))];

    private static long[] Jittery(Random random, int count, long jitterMicros) =>
        [.. Enumerable.Range(0, count).Select(i => TestBatches.BaseMicros + (i * 10_000L) + random.NextInt64(-jitterMicros, jitterMicros + 1))];
}
