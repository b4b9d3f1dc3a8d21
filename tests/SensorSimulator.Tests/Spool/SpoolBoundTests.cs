using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Spool;

namespace Ingest.SensorSimulator.Tests.Spool;

public sealed class SpoolBoundTests
{
    private const int MaxMegabytes = 4;
    private const long MaxBytes = MaxMegabytes * 1024L * 1024;
    private const int BigReadings = 10_000;

    [Fact]
    public async Task TryAppendAsync_SpoolFull_ReturnsFalseAndStaysWithinTheBound()
    {
        using var directory = new TempDirectory("spool");
        await using var spool = await TestSpools.OpenAsync(directory.Path, MaxMegabytes, segmentMegabytes: 1);

        var appended = await FillAsync(spool, "s-1");

        Assert.InRange(appended, 20, 40);
        Assert.False(await spool.TryAppendAsync("s-1", Big("s-1", (ulong)appended + 1), CancellationToken.None));
        Assert.InRange(spool.UsedBytes, MaxBytes - (2 * 1024 * 1024), MaxBytes);
        Assert.InRange(DirectoryBytes(directory.Path), 0, MaxBytes);
        Assert.Equal(appended, spool.Appends);
    }

    [Fact]
    public async Task AppendAsync_SpoolFull_WaitsUntilSettledSegmentsAreDeleted()
    {
        using var directory = new TempDirectory("spool");
        await using var spool = await TestSpools.OpenAsync(directory.Path, MaxMegabytes, segmentMegabytes: 1);
        var appended = await FillAsync(spool, "s-1");
        var segmentsWhenFull = spool.Segments;

        var waiting = spool.AppendAsync("s-2", Big("s-2", 1), CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        for (ulong sequence = 1; sequence <= (ulong)appended; sequence++)
        {
            spool.MarkSettled("s-1", sequence);
        }

        await Eventually.CompletesAsync(waiting);
        Assert.True(spool.Segments < segmentsWhenFull);
        Assert.True(await spool.TryAppendAsync("s-2", Big("s-2", 2), CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_SpoolFullAndCancelled_ThrowsAndAppendsNothing()
    {
        using var directory = new TempDirectory("spool");
        await using var spool = await TestSpools.OpenAsync(directory.Path, MaxMegabytes, segmentMegabytes: 1);
        var appended = await FillAsync(spool, "s-1");
        using var cancellation = new CancellationTokenSource();

        var waiting = spool.AppendAsync("s-2", Big("s-2", 1), cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(appended, spool.Appends);
        Assert.Equal(0UL, spool.HighestSequence("s-2"));
    }

    [Fact]
    public async Task AppendAsync_OneSensorNeverSettled_CompactsItsBatchesForwardInsteadOfFillingUp()
    {
        using var directory = new TempDirectory("spool");
        const ulong Rounds = 100;
        await using (var spool = await TestSpools.OpenAsync(directory.Path, MaxMegabytes, segmentMegabytes: 1))
        {
            using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
            for (ulong sequence = 1; sequence <= Rounds; sequence++)
            {
                await spool.AppendAsync("stuck", SpoolTestBatches.Create("stuck", sequence), deadline.Token);
                await spool.AppendAsync("busy", Big("busy", sequence), deadline.Token);
                spool.MarkSettled("busy", sequence);
                Assert.InRange(spool.UsedBytes, 0, MaxBytes);
            }

            Assert.True(spool.CompactedBatches > 0);
            Assert.InRange(DirectoryBytes(directory.Path), 0, MaxBytes);
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path, MaxMegabytes, segmentMegabytes: 1);

        var stuck = reopened.TakeRecovered("stuck");
        Assert.Equal(Enumerable.Range(1, (int)Rounds).Select(s => (ulong)s), stuck.Unsettled.Select(b => b.Sequence));
        foreach (var batch in stuck.Unsettled)
        {
            SpoolTestBatches.AssertSame(SpoolTestBatches.Create("stuck", batch.Sequence), batch);
        }

        Assert.Empty(reopened.TakeRecovered("busy").Unsettled);
        Assert.Equal(Rounds, reopened.HighestSequence("busy"));
        Assert.Equal(0, reopened.CorruptRecords);
    }

    [Fact]
    public async Task AppendAsync_BatchLargerThanTheSpool_ThrowsArgumentException()
    {
        using var directory = new TempDirectory("spool");
        await using var spool = await TestSpools.OpenAsync(directory.Path, MaxMegabytes, segmentMegabytes: 1);

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 1, readings: 400_000), CancellationToken.None));
    }

    /// <summary>Appends big batches of one sensor until there is no room; returns how many.</summary>
    private static async Task<int> FillAsync(SensorSpool spool, string sensor)
    {
        ulong sequence = 0;
        while (await spool.TryAppendAsync(sensor, Big(sensor, sequence + 1), CancellationToken.None))
        {
            sequence++;
        }

        return (int)sequence;
    }

    private static SealedBatch Big(string sensor, ulong sequence) =>
        SpoolTestBatches.Create(sensor, sequence, BigReadings);

    private static long DirectoryBytes(string path) => new DirectoryInfo(path).GetFiles().Sum(f => f.Length);
}
