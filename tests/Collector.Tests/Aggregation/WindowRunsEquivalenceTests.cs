using Ingest.Collector.Aggregation;
using Ingest.Collector.Model;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Aggregation;

/// <summary>
/// A batch applied through its window runs (as the ingest path sends it) leaves a sensor's aggregates
/// exactly as the same batch applied reading by reading does: the same windows open and closed, the same
/// counts, minimum, maximum, last value, late readings and change flags; the mean within rounding, since
/// a run's sum is added at once.
/// </summary>
public sealed class WindowRunsEquivalenceTests
{
    private const long Second = 1_000_000;
    private const long Base = 1_772_366_400L * Second;
    private static readonly TimeSpan[] Windows = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(60)];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Apply_WithRuns_LeavesTheSameWindowsAsReadingByReading(int seed)
    {
        var planner = new WindowRunPlanner(Options.Create(new AggregationOptions { Windows = [.. Windows] }));
        var byRuns = new SensorAggregate("s", Windows, closedKept: 4, DateTimeOffset.UnixEpoch);
        var byReadings = new SensorAggregate("s", Windows, closedKept: 4, DateTimeOffset.UnixEpoch);
        var random = new Random(seed);
        var time = Base;
        var runsUsed = 0;
        for (var batch = 1; batch <= 400; batch++)
        {
            var (timestamps, values) = NextReadings(random, ref time);
            var ordered = IsOrdered(timestamps);
            var withRuns = ReadingBatch.FromReadings("s", batch, timestamps, values, timestamps.Min(), timestamps.Max(), ordered,
                ordered ? planner.Summarize(timestamps, values) : null);
            var withoutRuns = new ReadingBatch("s", batch, timestamps, values, timestamps.Min(), timestamps.Max());
            runsUsed += withRuns.Runs is not null && withRuns.MinTimestampMicros > byRuns.WatermarkMicros ? 1 : 0;

            var lateByRuns = byRuns.Apply(withRuns, latenessMicros: 3 * Second);
            var lateByReadings = byReadings.ApplyReadingByReading(withoutRuns, latenessMicros: 3 * Second);

            var where = $"seed {seed}, batch {batch}";
            Assert.True(lateByReadings == lateByRuns, $"{where}: late readings {lateByRuns} by runs, {lateByReadings} reading by reading");
            var difference = AggregateDifference.Between(byRuns, byReadings, meanTolerance: 1e-9);
            Assert.True(difference is null, $"{where}: {difference}");
            if (random.Next(10) == 0)
            {
                // A publish clears the change flags; a quiet sensor has its open windows closed.
                ClearChanged(byRuns);
                ClearChanged(byReadings);
            }

            if (random.Next(25) == 0)
            {
                byRuns.CloseOpenWindows();
                byReadings.CloseOpenWindows();
            }
        }

        // Batches spanning many windows have no runs (WindowRunPlanner.MaxRunsPerSize); most others take them.
        Assert.True(runsUsed > 100, $"seed {seed}: only {runsUsed} of 400 batches took their runs");
    }

    /// <summary>Mostly in order and following on, sometimes jumping ahead, repeating times, overlapping or out of order.</summary>
    private static (long[] Timestamps, double[] Values) NextReadings(Random random, ref long time)
    {
        var count = random.Next(1, 300);
        var step = random.Next(4) switch { 0 => 0, 1 => 1_000, 2 => 10_000, _ => random.Next(1, 400_000) };
        var start = random.Next(12) switch
        {
            0 => time - random.NextInt64(1, 10 * Second), // overlaps or is late
            1 => time + random.NextInt64(1, 90 * Second), // jumps ahead past whole windows
            _ => time + step,
        };
        var timestamps = new long[count];
        var values = new double[count];
        var shuffle = random.Next(10) == 0;
        for (var i = 0; i < count; i++)
        {
            timestamps[i] = shuffle ? start + random.NextInt64(0, 2 * Second) : start + ((long)i * step);
            values[i] = Math.Round((random.NextDouble() * 200) - 100, random.Next(4));
        }

        time = Math.Max(time, timestamps.Max());
        return (timestamps, values);
    }

    private static bool IsOrdered(long[] timestamps)
    {
        for (var i = 1; i < timestamps.Length; i++)
        {
            if (timestamps[i] < timestamps[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static void ClearChanged(SensorAggregate sensor)
    {
        foreach (var series in sensor.Series)
        {
            series.LatestChanged = false;
        }
    }
}
