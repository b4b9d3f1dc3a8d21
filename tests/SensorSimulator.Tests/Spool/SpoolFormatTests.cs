using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Spool;

namespace Ingest.SensorSimulator.Tests.Spool;

public sealed class SpoolFormatTests
{
    [Fact]
    public void WriteBatch_ExtremeTimestampsAndValues_DecodeBitForBit()
    {
        var batch = new SealedBatch(ulong.MaxValue,
        [
            new Reading(long.MaxValue, -0.0),
            new Reading(long.MinValue, double.Epsilon),
            new Reading(0, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001)),
            new Reading(-1, 1e-310),
        ]);
        var id = SpoolFormat.SensorIdBytes("sim-temperature-0001");
        var record = new byte[SpoolFormat.MaxBatchRecordBytes(id.Length, batch.Count)];

        var length = SpoolFormat.WriteBatch(record, id, batch);

        Assert.Equal(length, SpoolFormat.CheckRecord(record.AsSpan(0, length)));
        var decoded = SpoolFormat.Decode(record.AsSpan(0, length), offset: 99);
        Assert.NotNull(decoded);
        Assert.Equal((SpoolRecordKind.Batch, "sim-temperature-0001", ulong.MaxValue, 99L, length),
            (decoded.Kind, decoded.SensorId, decoded.Sequence, decoded.Offset, decoded.Length));
        SpoolTestBatches.AssertSame(batch, decoded.Batch!);
    }

    [Fact]
    public void WriteBatch_NoReadings_DecodesEmpty()
    {
        var id = SpoolFormat.SensorIdBytes("s");
        var record = new byte[SpoolFormat.MaxBatchRecordBytes(id.Length, 0)];

        var length = SpoolFormat.WriteBatch(record, id, new SealedBatch(7, []));

        Assert.Empty(SpoolFormat.Decode(record.AsSpan(0, length), 0)!.Batch!.Readings);
    }

    [Fact]
    public void WriteSmall_SettledRecord_IsAsLongAsReserved()
    {
        var id = SpoolFormat.SensorIdBytes("sim-pressure-0003");
        var record = new byte[SpoolFormat.SmallRecordBytes(id.Length, 300)];

        var length = SpoolFormat.WriteSmall(record, SpoolRecordKind.Settled, id, 300);

        Assert.Equal(record.Length, length);
        var decoded = SpoolFormat.Decode(record, 0)!;
        Assert.Equal((SpoolRecordKind.Settled, "sim-pressure-0003", 300UL), (decoded.Kind, decoded.SensorId, decoded.Sequence));
    }

    [Fact]
    public void WriteSealedCount_DecodesSequenceAndReadingCountWithoutReadings()
    {
        var id = SpoolFormat.SensorIdBytes("sim-humidity-0002");
        var record = new byte[SpoolFormat.SealedCountRecordBytes(id.Length, ulong.MaxValue, int.MaxValue)];

        var length = SpoolFormat.WriteSealedCount(record, id, ulong.MaxValue, int.MaxValue);

        Assert.Equal(record.Length, length);
        Assert.Equal(length, SpoolFormat.CheckRecord(record));
        var decoded = SpoolFormat.Decode(record, offset: 16)!;
        Assert.Equal((SpoolRecordKind.SealedCount, "sim-humidity-0002", ulong.MaxValue, int.MaxValue, 16L, length),
            (decoded.Kind, decoded.SensorId, decoded.Sequence, decoded.ReadingCount, decoded.Offset, decoded.Length));
        Assert.Null(decoded.Batch);
    }

    [Fact]
    public void SealedCountRecordBytes_AreAFractionOfTheBatchRecord()
    {
        var id = SpoolFormat.SensorIdBytes("sim-temperature-0001");
        var batch = SpoolTestBatches.Create("sim-temperature-0001", 300, readings: 100);
        var record = new byte[SpoolFormat.MaxBatchRecordBytes(id.Length, batch.Count)];

        var batchBytes = SpoolFormat.WriteBatch(record, id, batch);
        var countBytes = SpoolFormat.SealedCountRecordBytes(id.Length, 300, 100);

        Assert.Equal(SpoolFormat.SmallRecordBytes(id.Length, 300) + 1, countBytes);
        Assert.True(countBytes * 20 < batchBytes, $"{countBytes} bytes against {batchBytes}");
    }

    [Fact]
    public void CheckRecord_AnyBitFlipped_Fails()
    {
        var id = SpoolFormat.SensorIdBytes("s-1");
        var record = new byte[SpoolFormat.MaxBatchRecordBytes(id.Length, 3)];
        var length = SpoolFormat.WriteBatch(record, id, SpoolTestBatches.Create("s-1", 1, readings: 3));

        for (var bit = 0; bit < length * 8; bit++)
        {
            var damaged = record[..length];
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.Equal(0, SpoolFormat.CheckRecord(damaged));
        }
    }

    [Fact]
    public void TryParseSegmentFileName_ReadsBackTheName()
    {
        Assert.True(SpoolFormat.TryParseSegmentFileName(SpoolFormat.SegmentFileName(42), out var id));
        Assert.Equal(42, id);
        Assert.False(SpoolFormat.TryParseSegmentFileName("spool.lock", out _));
        Assert.False(SpoolFormat.TryParseSegmentFileName("segment-x.spool", out _));
    }
}
