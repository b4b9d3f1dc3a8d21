using Ingest.Collector.Query;
using Ingest.Collector.Storage;

namespace Ingest.Collector.Tests.Query;

public sealed class ReadingMergeTests
{
    [Fact]
    public async Task MergeAsync_OverlappingChunks_YieldReadingsInTimeOrderWithTiesInSequenceOrder()
    {
        var chunks = new[]
        {
            Chunk(1, (0, 1), (20, 2), (40, 3)),
            Chunk(2, (10, 4), (20, 5), (30, 6)),
            Chunk(3, (40, 7), (50, 8)),
        };

        var readings = await MergeAsync(chunks);

        Assert.Equal([(0L, 1.0), (10, 4), (20, 2), (20, 5), (30, 6), (40, 3), (40, 7), (50, 8)], readings);
    }

    [Fact]
    public async Task MergeAsync_ChunkSentOutOfTimeOrder_IsSortedKeepingEqualTimestampsInTheOrderSent()
    {
        var readings = await MergeAsync([Chunk(1, (30, 1), (10, 2), (20, 3), (10, 4))]);

        Assert.Equal([(10L, 2.0), (10, 4), (20, 3), (30, 1)], readings);
    }

    [Fact]
    public async Task MergeAsync_Range_KeepsFromInclusiveAndToExclusive()
    {
        var readings = await MergeAsync([Chunk(1, (0, 1), (10, 2), (20, 3)), Chunk(2, (30, 4), (40, 5))], fromMicros: 10, toMicros: 40);

        Assert.Equal([(10L, 2.0), (20, 3), (30, 4)], readings);
    }

    [Fact]
    public async Task MergeAsync_NonOverlappingChunks_HoldsOnlyTheChunksThatCanHoldTheNextReading()
    {
        var pulled = 0;
        var source = Counted(Enumerable.Range(0, 1000).Select(i => Chunk(i + 1, (i * 10, i), ((i * 10) + 5, i))), () => pulled++);

        await using var merged = ReadingMerge.MergeAsync(source, long.MinValue, long.MaxValue, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await merged.MoveNextAsync());

        Assert.Equal(2, pulled);
    }

    private static async Task<List<(long, double)>> MergeAsync(StoredChunk[] chunks, long fromMicros = long.MinValue, long toMicros = long.MaxValue)
    {
        var readings = new List<(long, double)>();
        await foreach (var reading in ReadingMerge.MergeAsync(Counted(chunks, () => { }), fromMicros, toMicros, CancellationToken.None))
        {
            readings.Add((reading.TimestampMicros, reading.Value));
        }

        return readings;
    }

    private static async IAsyncEnumerable<StoredChunk> Counted(IEnumerable<StoredChunk> chunks, Action pulled)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            pulled();
            yield return chunk;
        }
    }

    private static StoredChunk Chunk(long sequence, params (long Micros, double Value)[] readings) =>
        new(sequence, readings.Min(r => r.Micros), readings.Max(r => r.Micros), [.. readings.Select(r => r.Micros)], [.. readings.Select(r => r.Value)]);
}
