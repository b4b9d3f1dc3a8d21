using Ingest.Collector.Codec;

namespace Ingest.Collector.Tests.Codec;

public sealed class BitPackingTests
{
    public static TheoryData<int> Widths => [.. Enumerable.Range(0, 65)];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Unpack_OfPack_IsTheInputInPackedBytes(int width)
    {
        var random = new Random(width);
        var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        foreach (var count in new[] { 0, 1, 7, 8, 9, 63, 64, 65, 1000 })
        {
            var integers = Enumerable.Range(0, count).Select(i => (i % 3 == 0 ? mask : (ulong)random.NextInt64() & mask)).ToArray();
            var packed = new byte[(count * 8) + 8];

            var written = BitPacking.Pack(integers, width, packed);
            var unpacked = new ulong[count];
            BitPacking.Unpack(packed.AsSpan(0, written), width, unpacked);

            Assert.Equal(BitPacking.PackedBytes(count, width), written);
            Assert.True(integers.SequenceEqual(unpacked), $"{count} integers of {width} bits");
        }
    }

    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(1UL, 1)]
    [InlineData(131_071UL, 17)]
    [InlineData(131_072UL, 18)]
    [InlineData(ulong.MaxValue, 64)]
    public void Width_IsTheBitsOfTheMaximum(ulong maximum, int expected) =>
        Assert.Equal(expected, BitPacking.Width(maximum));

    [Fact]
    public void Pack_LowBitsFirst_LittleEndian()
    {
        var packed = new byte[8];

        var written = BitPacking.Pack([0b101, 0b011, 0b111], 3, packed);

        Assert.Equal(2, written);
        Assert.Equal([0b11_011_101, 0b1], packed[..written]);
    }
}
