using Ingest.Collector.Aggregation;
using Ingest.Collector.Model;
using Ingest.Collector.Tests.TestDoubles;

namespace Ingest.Collector.Tests.Aggregation;

public sealed class SensorAggregateTests
{
    private const long Second = 1_000_000;
    private const int Seeds = 300;
    private const int BatchesPerSeed = 60;

    private static readonly TimeSpan[][] WindowSets =
    [
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(60)],
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)],
        [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3)],
        [TimeSpan.FromSeconds(13)],
    ];

    private static readonly long[] LatenessesMicros = [0, Second / 2, 5 * Second, 30 * Second, 120 * Second];

    [Fact]
    public void Apply_RandomBatchSequences_GiveTheSameWindowsAsReadingByReading()
    {
        int inOrder = 0, other = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var batches = new RandomBatches(seed);
            var random = batches.Random;
            var windows = WindowSets[random.Next(WindowSets.Length)];
            var closedKept = random.Next(1, 7);
            var latenessMicros = LatenessesMicros[random.Next(LatenessesMicros.Length)];
            var now = DateTimeOffset.UnixEpoch;
            var fast = new SensorAggregate("s", windows, closedKept, now);
            var reference = new SensorAggregate("s", windows, closedKept, now);
            var meanTolerance = batches.IntegersOnly ? 0 : 1e-9;

            for (var b = 0; b < BatchesPerSeed; b++)
            {
                if (random.Next(10) == 0)
                {
                    // The sensor went quiet: the next readings may fall in a window closed early.
                    fast.CloseOpenWindows();
                    reference.CloseOpenWindows();
                }

                var batch = batches.Next();
                var timestamps = batch.Decode().TimestampsMicros;
                var takesFastPath = timestamps[0] > reference.WatermarkMicros && timestamps.SequenceEqual(timestamps.Order());
                _ = takesFastPath ? inOrder++ : other++;

                var late = fast.Apply(batch, latenessMicros);
                var referenceLate = reference.ApplyReadingByReading(batch, latenessMicros);

                var difference = late != referenceLate ? $"late readings {late}, reading by reading {referenceLate}" : AggregateDifference.Between(fast, reference, meanTolerance);
                Assert.True(
                    difference is null,
                    $"Seed {seed}, batch {b} ({(takesFastPath ? "in order" : "not in order")}, {batch.Count} readings), windows [{string.Join(", ", windows)}], "
                    + $"{closedKept} closed kept, lateness {latenessMicros} µs: {difference}");

                if (random.Next(2) == 0)
                {
                    // Published, as the aggregator does.
                    Array.ForEach(fast.Series, series => series.LatestChanged = false);
                    Array.ForEach(reference.Series, series => series.LatestChanged = false);
                }
            }
        }

        // Both paths were exercised.
        Assert.InRange(inOrder, Seeds, int.MaxValue);
        Assert.InRange(other, Seeds, int.MaxValue);
    }

    [Fact]
    public void Apply_InOrderBatchStartingAfterTheWatermark_CountsNoReadingLateAndRaisesTheWatermarkToItsLast()
    {
        var aggregate = new SensorAggregate("s", [TimeSpan.FromSeconds(1)], closedKept: 2, DateTimeOffset.UnixEpoch);
        var start = TestBatches.BaseMicros;
        long[] timestamps = [start, start + (Second / 2), start + (3 * Second), start + (3 * Second)];
        var batch = new ReadingBatch("s", 1, timestamps, [1, 2, 3, 4], timestamps[0], timestamps[^1]);

        Assert.Equal(0, aggregate.Apply(batch, latenessMicros: 0));

        var series = Assert.Single(aggregate.Series);
        Assert.Equal(timestamps[^1], aggregate.WatermarkMicros);
        Assert.Equal((start, 2L, 1.0, 2.0, 2.0), (series.Latest!.StartMicros, series.Latest.Count, series.Latest.Min, series.Latest.Max, series.Latest.Last));
        Assert.Equal((start + (3 * Second), 2L, 4.0, 3.5), (series.Open!.StartMicros, series.Open.Count, series.Open.Last, series.Open.Mean));
    }
}
