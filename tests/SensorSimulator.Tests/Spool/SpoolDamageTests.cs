using Ingest.SensorSimulator.Spool;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Tests.Spool;

public sealed class SpoolDamageTests
{
    private static readonly string[] Sensors = ["a", "b", "c"];

    [Fact]
    public async Task OpenAsync_LastRecordCutAtEveryByte_RecoversEverythingBeforeItWithoutError()
    {
        using var directory = new TempDirectory("spool");
        long before, after;
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            await AppendThreeEachAsync(spool);
            before = new FileInfo(TestSpools.Head(directory.Path)).Length;
            await spool.AppendAsync("last", SpoolTestBatches.Create("last", 1, readings: 5), CancellationToken.None);
        }

        after = new FileInfo(TestSpools.Head(directory.Path)).Length;
        Assert.True(after > before);

        for (var cut = before; cut < after; cut++)
        {
            var copy = TestSpools.CopySegments(directory.Path, directory, $"cut-{cut}");
            await using (var stream = new FileStream(TestSpools.Head(copy), FileMode.Open))
            {
                stream.SetLength(cut);
            }

            var logger = new ListLogger<SensorSpool>();
            await using var reopened = await TestSpools.OpenAsync(copy, logger: logger);

            Assert.Equal(0, reopened.CorruptRecords);
            Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
            AssertThreeEach(reopened);
            Assert.Equal(0UL, reopened.TakeRecovered("last").HighestSequence);
            Assert.Equal(before, new FileInfo(TestSpools.Head(copy)).Length);
        }
    }

    [Fact]
    public async Task OpenAsync_LastCountOnlyRecordCutAtEveryByte_RecoversEveryCountBeforeItWithoutError()
    {
        using var directory = new TempDirectory("spool");
        long before, after;
        await using (var spool = await TestSpools.OpenAsync(directory.Path, keepReadings: false))
        {
            await AppendThreeEachAsync(spool);
            before = new FileInfo(TestSpools.Head(directory.Path)).Length;
            await spool.AppendAsync("last", SpoolTestBatches.Create("last", 1, readings: 5), CancellationToken.None);
        }

        after = new FileInfo(TestSpools.Head(directory.Path)).Length;
        Assert.Equal(SpoolFormat.SealedCountRecordBytes(SpoolFormat.SensorIdBytes("last").Length, 1, 5), after - before);

        for (var cut = before; cut < after; cut++)
        {
            var copy = TestSpools.CopySegments(directory.Path, directory, $"cut-{cut}");
            await using (var stream = new FileStream(TestSpools.Head(copy), FileMode.Open))
            {
                stream.SetLength(cut);
            }

            var logger = new ListLogger<SensorSpool>();
            await using var reopened = await TestSpools.OpenAsync(copy, logger: logger);

            Assert.Equal(0, reopened.CorruptRecords);
            Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
            Assert.Equal(Sensors.Length * 3, reopened.RecoveredUnkeptBatches);
            foreach (var sensor in Sensors)
            {
                var recovered = reopened.TakeRecovered(sensor);
                Assert.Equal(3UL, recovered.HighestSequence);
                Assert.Empty(recovered.Unsettled);
                Assert.Equal([(1UL, 20), (2UL, 20), (3UL, 20)], recovered.Unkept);
            }

            Assert.Equal(0UL, reopened.TakeRecovered("last").HighestSequence);
            Assert.Equal(before, new FileInfo(TestSpools.Head(copy)).Length);
        }
    }

    [Fact]
    public async Task OpenAsync_BitFlippedAnywhereInAMiddleRecord_SkipsCountsAndLogsItAndRecoversTheRest()
    {
        using var directory = new TempDirectory("spool");
        long start, end;
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            await AppendThreeEachAsync(spool);
            start = new FileInfo(TestSpools.Head(directory.Path)).Length;
            await spool.AppendAsync("middle", SpoolTestBatches.Create("middle", 1, readings: 5), CancellationToken.None);
            end = new FileInfo(TestSpools.Head(directory.Path)).Length;
            await spool.AppendAsync("after", SpoolTestBatches.Create("after", 1, readings: 5), CancellationToken.None);
        }

        for (var at = start; at < end; at++)
        {
            var copy = TestSpools.CopySegments(directory.Path, directory, $"flip-{at}");
            await using (var stream = new FileStream(TestSpools.Head(copy), FileMode.Open))
            {
                stream.Position = at;
                var value = stream.ReadByte();
                stream.Position = at;
                stream.WriteByte((byte)(value ^ (1 << (int)(at % 8))));
            }

            var logger = new ListLogger<SensorSpool>();
            await using var reopened = await TestSpools.OpenAsync(copy, logger: logger);

            Assert.Equal(1, reopened.CorruptRecords);
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(TestSpools.Head(copy), StringComparison.Ordinal));
            AssertThreeEach(reopened);
            Assert.Empty(reopened.TakeRecovered("middle").Unsettled);
            SpoolTestBatches.AssertSame(SpoolTestBatches.Create("after", 1, readings: 5), Assert.Single(reopened.TakeRecovered("after").Unsettled));
        }
    }

    [Fact]
    public async Task OpenAsync_DamagedTailOfAnOlderSegment_CountsItAsCorruption()
    {
        using var directory = new TempDirectory("spool");
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            await AppendThreeEachAsync(spool);
        }

        var older = TestSpools.Head(directory.Path);
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            await spool.AppendAsync("later", SpoolTestBatches.Create("later", 1), CancellationToken.None);
        }

        Assert.NotEqual(older, TestSpools.Head(directory.Path));
        await using (var stream = new FileStream(older, FileMode.Open))
        {
            stream.SetLength(stream.Length - 3);
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        Assert.Equal(1, reopened.CorruptRecords);
        Assert.Equal([1UL, 2], reopened.TakeRecovered("c").Unsettled.Select(b => b.Sequence));
        Assert.Single(reopened.TakeRecovered("later").Unsettled);
    }

    private static async Task AppendThreeEachAsync(SensorSpool spool)
    {
        for (ulong sequence = 1; sequence <= 3; sequence++)
        {
            foreach (var sensor in Sensors)
            {
                await spool.AppendAsync(sensor, SpoolTestBatches.Create(sensor, sequence, readings: 20), CancellationToken.None);
            }
        }
    }

    private static void AssertThreeEach(SensorSpool spool)
    {
        foreach (var sensor in Sensors)
        {
            var recovered = spool.TakeRecovered(sensor);
            Assert.Equal(3UL, recovered.HighestSequence);
            Assert.Equal(3, recovered.Unsettled.Count);
            foreach (var batch in recovered.Unsettled)
            {
                SpoolTestBatches.AssertSame(SpoolTestBatches.Create(sensor, batch.Sequence, readings: 20), batch);
            }
        }
    }
}
