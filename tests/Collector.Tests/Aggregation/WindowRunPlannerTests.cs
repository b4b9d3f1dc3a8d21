using Ingest.Collector.Aggregation;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Aggregation;

public sealed class WindowRunPlannerTests
{
    private const long Second = 1_000_000;
    private const long Base = 1_772_366_400L * Second;

    private readonly WindowRunPlanner _planner = new(Options.Create(new AggregationOptions { Windows = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)] }));

    [Fact]
    public void Summarize_BatchAcrossTwoSeconds_CutsTwoOneSecondRunsAndOneTenSecondRun()
    {
        long[] timestamps = [Base + 100_000, Base + 900_000, Base + Second, Base + Second + 5];
        double[] values = [4, -1, 2.5, 3];

        var runs = _planner.Summarize(timestamps, values)!;

        Assert.Equal([Second, 10 * Second], runs.LengthsMicros);
        Assert.Equal(
            [new(Base, 2, 3, -1, 4, -1, Base + 900_000), new(Base + Second, 2, 5.5, 2.5, 3, 3, Base + Second + 5)],
            runs.Runs[0]);
        Assert.Equal([new Ingest.Collector.Model.WindowRun(Base, 4, 8.5, -1, 4, 3, Base + Second + 5)], runs.Runs[1]);
    }

    [Fact]
    public void Summarize_BatchAcrossMoreWindowsThanMaxRunsPerSize_HasNoRuns()
    {
        var atMost = Spread(WindowRunPlanner.MaxRunsPerSize);
        var beyond = Spread(WindowRunPlanner.MaxRunsPerSize + 1);

        Assert.NotNull(_planner.Summarize(atMost, new double[atMost.Length]));
        Assert.Null(_planner.Summarize(beyond, new double[beyond.Length]));
    }

    /// <summary>Two readings in each of <paramref name="seconds"/> consecutive one-second windows.</summary>
    private static long[] Spread(int seconds) =>
        [.. Enumerable.Range(0, seconds).SelectMany(s => new[] { Base + (s * Second), Base + (s * Second) + 500_000 })];
}
