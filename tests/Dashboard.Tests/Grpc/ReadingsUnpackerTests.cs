using Ingest.Dashboard.Export;
using Ingest.Dashboard.Grpc;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Tests.Grpc;

public sealed class ReadingsUnpackerTests
{
    [Fact]
    public void Unpack_AddsEachDeltaToThePreviousTimestamp()
    {
        var packed = new Wire.PackedReadings { BaseTimeUnixMicros = 1_000_000 };
        packed.TimeDeltasMicros.Add([0, 10_000, 10_000, 5]);
        packed.Values.Add([1.5, 2.5, -3, 4]);

        var readings = ReadingsUnpacker.Unpack(packed).ToArray();

        Assert.Equal(
            [new StoredReading(1_000_000, 1.5), new StoredReading(1_010_000, 2.5), new StoredReading(1_020_000, -3), new StoredReading(1_020_005, 4)],
            readings);
    }

    [Fact]
    public void Unpack_MismatchedCounts_IsInvalidData()
    {
        var packed = new Wire.PackedReadings();
        packed.TimeDeltasMicros.Add(0);
        packed.Values.Add([1, 2]);

        Assert.Throws<InvalidDataException>(() => ReadingsUnpacker.Unpack(packed));
    }
}
