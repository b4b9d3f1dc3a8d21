using Ingest.SensorSimulator.Spool;

namespace Ingest.SensorSimulator.Tests.Spool;

public sealed class SensorSpoolRecoveryTests
{
    [Fact]
    public async Task OpenAsync_AfterAppendsOfManySensors_RecoversEveryBatchBitForBit()
    {
        using var directory = new TempDirectory("spool");
        var sensors = Enumerable.Range(1, 50).Select(i => $"sim-temperature-{i:D4}").ToArray();
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            for (ulong sequence = 1; sequence <= 20; sequence++)
            {
                foreach (var sensor in sensors)
                {
                    await spool.AppendAsync(sensor, SpoolTestBatches.Create(sensor, sequence), CancellationToken.None);
                }
            }
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        Assert.Equal(50 * 20, reopened.RecoveredBatches);
        Assert.Equal(0, reopened.CorruptRecords);
        Assert.Equal(sensors.Order(StringComparer.Ordinal), reopened.RecoveredSensorIds.Order(StringComparer.Ordinal));
        foreach (var sensor in sensors)
        {
            var recovered = reopened.TakeRecovered(sensor);
            Assert.Equal(20UL, recovered.HighestSequence);
            Assert.Equal(Enumerable.Range(1, 20).Select(s => (ulong)s), recovered.Unsettled.Select(b => b.Sequence));
            foreach (var batch in recovered.Unsettled)
            {
                SpoolTestBatches.AssertSame(SpoolTestBatches.Create(sensor, batch.Sequence), batch);
            }
        }
    }

    [Fact]
    public async Task OpenAsync_SomeBatchesSettled_RecoversOnlyTheOthers()
    {
        using var directory = new TempDirectory("spool");
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            for (ulong sequence = 1; sequence <= 10; sequence++)
            {
                await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", sequence), CancellationToken.None);
            }

            for (ulong sequence = 1; sequence <= 10; sequence += 2)
            {
                Assert.True(spool.MarkSettled("s-1", sequence));
            }
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        var recovered = reopened.TakeRecovered("s-1");
        Assert.Equal([2UL, 4, 6, 8, 10], recovered.Unsettled.Select(b => b.Sequence));
        Assert.Equal(10UL, recovered.HighestSequence);
        Assert.Equal(5, reopened.RecoveredBatches);
    }

    [Fact]
    public async Task OpenAsync_CountOnlySpool_RecoversTheUnsettledSequencesAndReadingCountsInOrder()
    {
        using var directory = new TempDirectory("spool");
        await using (var spool = await TestSpools.OpenAsync(directory.Path, keepReadings: false))
        {
            for (ulong sequence = 1; sequence <= 8; sequence++)
            {
                await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", sequence, readings: (int)sequence * 50), CancellationToken.None);
            }

            // Only the count is kept, and counted against the bound.
            var idBytes = SpoolFormat.SensorIdBytes("s-1").Length;
            Assert.Equal(
                Enumerable.Range(1, 8).Sum(s => SpoolFormat.SealedCountRecordBytes(idBytes, (ulong)s, s * 50)),
                spool.LiveBytes);
            Assert.True(spool.MarkSettled("s-1", 2));
            Assert.True(spool.MarkSettled("s-1", 8));
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        var recovered = reopened.TakeRecovered("s-1");
        Assert.Empty(recovered.Unsettled);
        Assert.Equal([(1UL, 50), (3UL, 150), (4UL, 200), (5UL, 250), (6UL, 300), (7UL, 350)], recovered.Unkept);
        Assert.Equal(8UL, recovered.HighestSequence);
        Assert.Equal((0, 6), (reopened.RecoveredBatches, reopened.RecoveredUnkeptBatches));
        Assert.Empty(reopened.TakeRecovered("s-1").Unkept);
    }

    [Fact]
    public async Task OpenAsync_KeepReadingsChangedBetweenProcesses_RecoversBothKindsEachAsWritten()
    {
        using var directory = new TempDirectory("spool");
        await using (var keeping = await TestSpools.OpenAsync(directory.Path))
        {
            for (ulong sequence = 1; sequence <= 3; sequence++)
            {
                await keeping.AppendAsync("s-1", SpoolTestBatches.Create("s-1", sequence), CancellationToken.None);
            }
        }

        await using (var counting = await TestSpools.OpenAsync(directory.Path, keepReadings: false))
        {
            Assert.Equal(3, counting.RecoveredBatches);
            for (ulong sequence = 4; sequence <= 6; sequence++)
            {
                await counting.AppendAsync("s-1", SpoolTestBatches.Create("s-1", sequence, readings: 10), CancellationToken.None);
            }

            Assert.True(counting.MarkSettled("s-1", 2));
            Assert.True(counting.MarkSettled("s-1", 5));
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        var recovered = reopened.TakeRecovered("s-1");
        Assert.Equal([1UL, 3], recovered.Unsettled.Select(b => b.Sequence));
        foreach (var batch in recovered.Unsettled)
        {
            SpoolTestBatches.AssertSame(SpoolTestBatches.Create("s-1", batch.Sequence), batch);
        }

        Assert.Equal([(4UL, 10), (6UL, 10)], recovered.Unkept);
        Assert.Equal(6UL, recovered.HighestSequence);
    }

    [Fact]
    public async Task OpenAsync_EveryBatchSettled_RecoversTheHighestSequenceAndRefusesReusingIt()
    {
        using var directory = new TempDirectory("spool");
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            for (ulong sequence = 1; sequence <= 7; sequence++)
            {
                await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", sequence), CancellationToken.None);
                spool.MarkSettled("s-1", sequence);
            }
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        var recovered = reopened.TakeRecovered("s-1");
        Assert.Empty(recovered.Unsettled);
        Assert.Equal(7UL, recovered.HighestSequence);
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await reopened.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 7), CancellationToken.None));
        await reopened.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 8), CancellationToken.None);
    }

    [Fact]
    public async Task OpenAsync_SegmentOfASettledSensorDeleted_StillRecoversItsHighestSequence()
    {
        using var directory = new TempDirectory("spool");
        await using (var spool = await TestSpools.OpenAsync(directory.Path, maxMegabytes: 4, segmentMegabytes: 1))
        {
            for (ulong sequence = 1; sequence <= 3; sequence++)
            {
                await spool.AppendAsync("quiet", SpoolTestBatches.Create("quiet", sequence), CancellationToken.None);
                spool.MarkSettled("quiet", sequence);
            }

            var first = TestSpools.Segments(directory.Path)[0];
            for (ulong sequence = 1; sequence <= 30; sequence++)
            {
                await spool.AppendAsync("busy", SpoolTestBatches.Create("busy", sequence, readings: 10_000), CancellationToken.None);
                spool.MarkSettled("busy", sequence);
            }

            await Eventually.UntilAsync(() => !File.Exists(first), "the first segment is deleted");
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        Assert.Equal(3UL, reopened.TakeRecovered("quiet").HighestSequence);
        Assert.Equal(30UL, reopened.HighestSequence("busy"));
        Assert.Equal(0, reopened.RecoveredBatches);
    }

    [Fact]
    public async Task DisposeAsync_RightAfterMarkSettled_WritesTheSettlement()
    {
        using var directory = new TempDirectory("spool");
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 1), CancellationToken.None);
            await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 2), CancellationToken.None);
            spool.MarkSettled("s-1", 1);
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        Assert.Equal([2UL], reopened.TakeRecovered("s-1").Unsettled.Select(b => b.Sequence));
    }

    [Fact]
    public async Task MarkSettled_WithoutAnotherAppendOrDispose_IsWrittenToTheSegment()
    {
        using var directory = new TempDirectory("spool");
        await using var spool = await TestSpools.OpenAsync(directory.Path);
        await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 1), CancellationToken.None);
        await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 2), CancellationToken.None);
        var length = new FileInfo(TestSpools.Head(directory.Path)).Length;

        spool.MarkSettled("s-1", 1);
        await Eventually.UntilAsync(() => new FileInfo(TestSpools.Head(directory.Path)).Length > length, "the settlement is written");

        // What a process killed now leaves behind: the files as they are, read by another spool.
        var copy = TestSpools.CopySegments(directory.Path, directory, "copy");
        await using var reopened = await TestSpools.OpenAsync(copy);
        Assert.Equal([2UL], reopened.TakeRecovered("s-1").Unsettled.Select(b => b.Sequence));
    }

    [Fact]
    public async Task MarkSettled_UnknownOrSettledBatch_ReturnsFalse()
    {
        using var directory = new TempDirectory("spool");
        await using var spool = await TestSpools.OpenAsync(directory.Path);
        await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 1), CancellationToken.None);

        Assert.False(spool.MarkSettled("s-2", 1));
        Assert.False(spool.MarkSettled("s-1", 2));
        Assert.True(spool.MarkSettled("s-1", 1));
        Assert.False(spool.MarkSettled("s-1", 1));
    }

    [Fact]
    public async Task TakeRecovered_SecondTime_HandsOverNoBatchesButKeepsTheHighestSequence()
    {
        using var directory = new TempDirectory("spool");
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 1), CancellationToken.None);
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        Assert.Single(reopened.TakeRecovered("s-1").Unsettled);
        var again = reopened.TakeRecovered("s-1");
        Assert.Empty(again.Unsettled);
        Assert.Equal(1UL, again.HighestSequence);
        Assert.Empty(reopened.RecoveredSensorIds);
        Assert.Equal(0UL, reopened.TakeRecovered("never-seen").HighestSequence);
    }
}
