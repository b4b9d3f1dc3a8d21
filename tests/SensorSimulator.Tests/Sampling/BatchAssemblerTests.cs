using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Sampling;

namespace Ingest.SensorSimulator.Tests.Sampling;

public sealed class BatchAssemblerTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsFull_WhenBatchSizeReadingsAdded_IsTrue()
    {
        var assembler = new BatchAssembler(batchSize: 3, maxAge: TimeSpan.FromHours(1));
        assembler.Add(Start, 1);
        assembler.Add(Start.AddMilliseconds(10), 2);
        Assert.False(assembler.IsFull);

        assembler.Add(Start.AddMilliseconds(20), 3);

        Assert.True(assembler.IsFull);
    }

    [Fact]
    public void IsExpired_WhenFirstReadingIsMaxAgeOld_IsTrue()
    {
        var assembler = new BatchAssembler(batchSize: 100, maxAge: TimeSpan.FromSeconds(1));
        Assert.False(assembler.IsExpired(Start.AddHours(1)));
        assembler.Add(Start, 1);

        Assert.False(assembler.IsExpired(Start.AddMilliseconds(999)));
        Assert.True(assembler.IsExpired(Start.AddSeconds(1)));
    }

    [Fact]
    public void Seal_KeepsOpenBatchUntilCleared()
    {
        var assembler = new BatchAssembler(batchSize: 10, maxAge: TimeSpan.FromSeconds(1));
        assembler.Add(Start, 1.5);

        var sealedBatch = assembler.Seal(7);

        Assert.Equal(7UL, sealedBatch.Sequence);
        Assert.Equal([new Reading(Reading.ToUnixMicros(Start), 1.5)], sealedBatch.Readings);
        Assert.Equal(1, assembler.Count);
        assembler.Clear();
        Assert.Equal(0, assembler.Count);
        Assert.Single(sealedBatch.Readings);
    }
}
