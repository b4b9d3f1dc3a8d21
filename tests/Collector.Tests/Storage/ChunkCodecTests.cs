using Ingest.Collector.Storage;
using Ingest.Collector.Tests.TestDoubles;

namespace Ingest.Collector.Tests.Storage;

public sealed class ChunkCodecTests
{
    public static TheoryData<long[], double[]> RoundTripCases => new()
    {
        { [TestBatches.BaseMicros, TestBatches.BaseMicros + 10_000, TestBatches.BaseMicros + 20_000], [1.0, 2.0, 3.0] },
        { [TestBatches.BaseMicros, TestBatches.BaseMicros + 7, TestBatches.BaseMicros + 1_000_123, TestBatches.BaseMicros + 134_000_000_000], [0.1, -0.0, double.Epsilon, 1e300] },
        { [TestBatches.BaseMicros, TestBatches.BaseMicros - 500, TestBatches.BaseMicros - 500, TestBatches.BaseMicros + 2], [-1.5, -2.5, 3.5, 4.5] },
        { [long.MaxValue, long.MinValue, 0, long.MaxValue - 1, long.MinValue + 1], [double.MaxValue, double.MinValue, 0.0, -1.0, 1.0] },
        { [TestBatches.BaseMicros], [42.0] },
        { [0], [0.0] },
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Decode_OfEncode_IsTheInput(long[] timestamps, double[] values)
    {
        var (decodedTimestamps, decodedValues) = ChunkCodec.Decode(ChunkCodec.Encode(timestamps, values));

        Assert.Equal(timestamps, decodedTimestamps);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), decodedValues.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Decode_OfEncodedEmptyChunk_IsEmpty()
    {
        var (timestamps, values) = ChunkCodec.Decode(ChunkCodec.Encode([], []));

        Assert.Empty(timestamps);
        Assert.Empty(values);
    }

    [Fact]
    public void Encode_ThousandReadingsEvery10ms_TakesAtMost11BytesPerReadingPlusHeader()
    {
        var (timestamps, values) = TestBatches.Regular("s", 1, count: 1000, intervalMicros: 10_000).Decode();

        var encoded = ChunkCodec.Encode(timestamps, values);

        Assert.InRange(encoded.Length, 1, (1000 * (8 + 3)) + 12);
    }

    [Fact]
    public void Encode_DifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => ChunkCodec.Encode([1, 2], [1.0]));

    [Fact]
    public void Decode_Empty_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode([]));

    [Fact]
    public void Decode_TruncatedInsideTimestamps_ThrowsInvalidData()
    {
        var encoded = ChunkCodec.Encode([TestBatches.BaseMicros, TestBatches.BaseMicros + 10_000], [1.0, 2.0]);

        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(encoded.AsSpan(0, 3)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(15)]
    public void Decode_TruncatedInsideValues_ThrowsInvalidData(int missingBytes)
    {
        var encoded = ChunkCodec.Encode([TestBatches.BaseMicros, TestBatches.BaseMicros + 10_000], [1.0, 2.0]);

        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(encoded.AsSpan(0, encoded.Length - missingBytes)));
    }

    [Fact]
    public void Decode_CountLargerThanAnInt_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode([0x80, 0x80, 0x80, 0x80, 0x10]));

    [Fact]
    public void Decode_VarintLongerThanTenBytes_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]));

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void Decode_TrailingBytes_ThrowsInvalidDataNamingThem(int extra)
    {
        var encoded = ChunkCodec.Encode([TestBatches.BaseMicros], [1.0]);
        var padded = encoded.Concat(new byte[extra]).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(padded));

        Assert.Contains($"{extra} trailing bytes", error.Message, StringComparison.Ordinal);
    }
}
