using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Runs;

namespace Ingest.LoadBenchmark.Tests.Runs;

public sealed class ThroughputPlanTests
{
    [Fact]
    public void Of_ThreeRounds_NaiveOnceThenCeilingAndFullInterleavedPerBatchSizeEachFirstInTurn()
    {
        var plan = ThroughputPlan.Of(new BenchmarkSettings { BatchSizes = [100, 1000], Rounds = 3 }).ToList();

        Assert.Equal(
            [
                "naive",
                "ceiling-100-r1", "full-100-r1", "full-100-r2", "ceiling-100-r2", "ceiling-100-r3", "full-100-r3",
                "ceiling-1000-r1", "full-1000-r1", "full-1000-r2", "ceiling-1000-r2", "ceiling-1000-r3", "full-1000-r3",
            ],
            plan.Select(p => p.Name));
        Assert.Equal([1, 1, 1, 2, 2, 3, 3], plan.Take(7).Select(p => p.Round));
        Assert.Equal((LoadPattern.Full, (int?)1000), (plan[^1].Pattern, plan[^1].BatchSize));
    }

    [Fact]
    public void Of_OneRound_NamesWithoutRounds()
    {
        var plan = ThroughputPlan.Of(new BenchmarkSettings { BatchSizes = [1000], Rounds = 1 });

        Assert.Equal(["naive", "ceiling-1000", "full-1000"], plan.Select(p => p.Name));
    }

    [Fact]
    public void Of_OnlyFull_RoundsOfFullAlone()
    {
        var plan = ThroughputPlan.Of(new BenchmarkSettings { BatchSizes = [1000], Rounds = 2, Patterns = [LoadPattern.Full] });

        Assert.Equal(["full-1000-r1", "full-1000-r2"], plan.Select(p => p.Name));
    }

    [Fact]
    public void Of_Postgres_AddsAFullRunPerCollectorCountToThe1000ReadingRoundsOnlyInterleavedWithSqlite()
    {
        var plan = ThroughputPlan.Of(new BenchmarkSettings
        {
            BatchSizes = [100, 1000],
            Rounds = 2,
            Patterns = [LoadPattern.Ceiling, LoadPattern.Full],
            Engines = [StorageEngine.Sqlite, StorageEngine.Postgres],
            PostgresCollectors = [1, 2],
        }).ToList();

        Assert.Equal(
            [
                "ceiling-100-r1", "full-100-r1", "full-100-r2", "ceiling-100-r2",
                "ceiling-1000-r1", "full-1000-r1", "full-1000-pg1-r1", "full-1000-pg2-r1",
                "full-1000-pg2-r2", "full-1000-pg1-r2", "full-1000-r2", "ceiling-1000-r2",
            ],
            plan.Select(p => p.Name));
        Assert.Equal(StorageSetup.Postgres(2), plan.Single(p => p.Name == "full-1000-pg2-r1").Setup);
        Assert.All(plan.Where(p => !p.Name.Contains("-pg", StringComparison.Ordinal)), p => Assert.Equal(StorageSetup.Sqlite, p.Setup));
    }

    [Fact]
    public void Of_PostgresOnly_LeavesSqliteOutOfTheFullRuns()
    {
        var plan = ThroughputPlan.Of(new BenchmarkSettings
        {
            BatchSizes = [1000],
            Rounds = 1,
            Patterns = [LoadPattern.Full],
            Engines = [StorageEngine.Postgres],
            PostgresCollectors = [2],
        });

        Assert.Equal(["full-1000-pg2"], plan.Select(p => p.Name));
    }
}
