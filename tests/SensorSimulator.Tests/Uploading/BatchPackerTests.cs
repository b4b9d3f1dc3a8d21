using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Uploading;

namespace Ingest.SensorSimulator.Tests.Uploading;

public sealed class BatchPackerTests
{
    private const long Base = 1_750_000_000_000_000;

    [Fact]
    public void Pack_RegularSampling_ProducesConstantDeltasAndCarriesTheSession()
    {
        var batch = Regular(sequence: 3, count: 100, intervalMicros: 10_000);

        var packed = BatchPacker.Pack("sim-temperature-0001", batch, session: 3);

        Assert.Equal("sim-temperature-0001", packed.SensorId);
        Assert.Equal(3UL, packed.Sequence);
        Assert.Equal(3UL, packed.Session);
        Assert.Equal(Base, packed.Readings.BaseTimeUnixMicros);
        Assert.Equal(0, packed.Readings.TimeDeltasMicros[0]);
        Assert.All(packed.Readings.TimeDeltasMicros.Skip(1), delta => Assert.Equal(10_000, delta));
        Assert.Equal(batch.Readings.Select(r => r.Value), packed.Readings.Values);
    }

    [Fact]
    public void Pack_TimestampsRebuiltFromDeltasMatchTheReadings()
    {
        var readings = new[] { new Reading(Base, 1), new Reading(Base + 7, 2), new Reading(Base + 1_000_007, 3) };

        var packed = BatchPacker.Pack("s", new SealedBatch(1, readings), session: 1).Readings;

        var time = packed.BaseTimeUnixMicros;
        var rebuilt = packed.TimeDeltasMicros.Select(delta => time += delta).ToArray();
        Assert.Equal(readings.Select(r => r.TimestampMicros), rebuilt);
    }

    [Fact]
    public void Pack_1000ReadingsAt10Milliseconds_CostsAtMost12BytesPerReading()
    {
        var batch = Regular(sequence: 123_456, count: 1_000, intervalMicros: 10_000);

        var size = BatchPacker.Pack("sim-temperature-0001", batch, session: 3).CalculateSize();

        Assert.True(size <= 12 * 1_000, $"{size} bytes for 1000 readings");
    }

    private static SealedBatch Regular(ulong sequence, int count, long intervalMicros) =>
        new(sequence, Enumerable.Range(0, count).Select(i => new Reading(Base + (i * intervalMicros), 20 + (i * 0.01))).ToArray());
}
