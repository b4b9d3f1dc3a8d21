using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Runs;
using Ingest.LoadBenchmark.Tests.Reporting;

namespace Ingest.LoadBenchmark.Tests.Runs;

public sealed class HalfLoadPlanTests
{
    [Fact]
    public void From_FullRuns_HalvesTheThousandReadingRunEvenWhenAnotherIsFasterAndSpreadsItOverTheSensors()
    {
        var plan = HalfLoadPlan.From([SampleRuns.Full(100, 9_000_000), SampleRuns.Full(1000, 4_000_000), SampleRuns.Full(5000, 8_000_000)], sensors: 20);

        Assert.NotNull(plan);
        Assert.Equal(1000, plan.BatchSize);
        Assert.Equal(2_000_000, plan.ReadingsPerSecond);
        // 100,000 readings/s per sensor in batches of 1,000: one batch every 10 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(10), plan.BatchInterval);
        Assert.Equal("half of full-1000's 4,000,000 readings/s", plan.Basis);
    }

    [Fact]
    public void From_NoThousandReadingRun_HalvesTheFastestFullRunAndSaysSo()
    {
        var plan = HalfLoadPlan.From([SampleRuns.Full(10, 1_000_000), SampleRuns.Full(100, 6_000_000), SampleRuns.Full(5000, 5_000_000)], sensors: 20);

        Assert.NotNull(plan);
        Assert.Equal(100, plan.BatchSize);
        Assert.Equal(3_000_000, plan.ReadingsPerSecond);
        Assert.StartsWith("half of full-100's 6,000,000 readings/s (no usable full run with 1,000-reading batches", plan.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ThousandReadingRunWithErrors_IsNotTakenHalfOf()
    {
        var plan = HalfLoadPlan.From([SampleRuns.Full(100, 3_000_000), SampleRuns.WithErrors(SampleRuns.Full(1000, 9_000_000))], sensors: 20);

        Assert.NotNull(plan);
        Assert.Equal(100, plan.BatchSize);
        Assert.Equal(1_500_000, plan.ReadingsPerSecond);
    }

    [Fact]
    public void From_OnlyTheHalfLoadRunItself_IsNotAPeak() =>
        Assert.Null(HalfLoadPlan.From([SampleRuns.HalfLoad(1000, 4_000_000, 10)], sensors: 20));

    [Fact]
    public void From_NoFullRun_IsNull() => Assert.Null(HalfLoadPlan.From([SampleRuns.Ceiling(1000, 4_000_000)], sensors: 20));

    [Fact]
    public void From_SeveralRounds_HalvesTheMedianRoundAndSaysSo()
    {
        var plan = HalfLoadPlan.From(SampleRuns.InRounds(SampleRuns.Full(1000, 0), 4_000_000, 8_000_000, 6_000_000), sensors: 20);

        Assert.NotNull(plan);
        Assert.Equal(3_000_000, plan.ReadingsPerSecond);
        Assert.Equal("half of full-1000-r3's 6,000,000 readings/s, the median of 3 rounds", plan.Basis);
    }

    [Fact]
    public void From_ProblemInOneRoundOfTheThousandReadingRun_TakesHalfOfAnotherRun()
    {
        var thousand = SampleRuns.InRounds(SampleRuns.Full(1000, 0), 8_000_000, 9_000_000, 7_000_000);
        thousand[0] = SampleRuns.WithErrors(thousand[0]);

        var plan = HalfLoadPlan.From([.. SampleRuns.InRounds(SampleRuns.Full(100, 0), 2_000_000, 4_000_000, 3_000_000), .. thousand], sensors: 20);

        Assert.NotNull(plan);
        Assert.Equal(100, plan.BatchSize);
        Assert.Equal(1_500_000, plan.ReadingsPerSecond);
    }

    [Fact]
    public void From_Postgres_HalvesThePostgresRunOfThatSetupAlone()
    {
        RunResult[] runs =
        [
            SampleRuns.Full(1000, 4_000_000),
            SampleRuns.OnPostgres(SampleRuns.Full(1000, 3_000_000), 1),
            SampleRuns.OnPostgres(SampleRuns.Full(1000, 3_600_000), 2),
        ];

        var sqlite = HalfLoadPlan.From(runs, sensors: 20);
        var postgres = HalfLoadPlan.From(runs, sensors: 20, StorageSetup.Postgres(1));

        Assert.Equal((2_000_000.0, StorageSetup.Sqlite), (sqlite!.ReadingsPerSecond, sqlite.Setup));
        Assert.Equal((1_500_000.0, StorageSetup.Postgres(1)), (postgres!.ReadingsPerSecond, postgres.Setup));
        Assert.Equal("half of full-1000-pg1's 3,000,000 readings/s", postgres.Basis);
    }

    [Fact]
    public void From_PostgresWithoutItsRuns_IsNull() =>
        Assert.Null(HalfLoadPlan.From([SampleRuns.Full(1000, 4_000_000)], sensors: 20, StorageSetup.Postgres(1)));
}
