using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class RunRoundsTests
{
    [Fact]
    public void Median_OddNumberOfRounds_IsTheMiddleRoundByReadingsPerSecond()
    {
        var group = Assert.Single(RunRounds.Of(SampleRuns.InRounds(SampleRuns.Ceiling(1000, 0), 55_100_000, 58_300_000, 47_200_000)));

        Assert.Equal("ceiling-1000-r1", group.Median.Name);
        Assert.Equal(55_100_000, group.Median.ReadingsPerSecond);
    }

    [Fact]
    public void Median_EvenNumberOfRounds_IsTheLowerMiddle()
    {
        var group = Assert.Single(RunRounds.Of(SampleRuns.InRounds(SampleRuns.Full(1000, 0), 40_000_000, 10_000_000, 30_000_000, 20_000_000)));

        Assert.Equal("full-1000-r4", group.Median.Name);
    }

    [Fact]
    public void Median_TiedRates_TheEarlierRoundCountsAsTheLower()
    {
        var pair = Assert.Single(RunRounds.Of(SampleRuns.InRounds(SampleRuns.Full(1000, 0), 5_000_000, 5_000_000)));
        var three = Assert.Single(RunRounds.Of(SampleRuns.InRounds(SampleRuns.Full(1000, 0), 9_000_000, 5_000_000, 5_000_000)));

        Assert.Equal(1, pair.Median.Round);
        Assert.Equal(3, three.Median.Round);
    }

    [Fact]
    public void Median_IsOneRealRound_EveryFigureFromThatRound()
    {
        var rounds = SampleRuns.InRounds(SampleRuns.Full(1000, 0), 3_000_000, 7_000_000, 5_000_000);

        var group = Assert.Single(RunRounds.Of(rounds));

        Assert.Same(rounds[2], group.Median);
        Assert.Equal(30, group.Median.Latency.P99Ms);
    }

    [Fact]
    public void Of_InterleavedRuns_GroupsByPatternAndBatchSizeWithRoundsInRunOrderLeavingTheHalfLoadRunOut()
    {
        var ceiling = SampleRuns.InRounds(SampleRuns.Ceiling(100, 0), 8, 9);
        var full = SampleRuns.InRounds(SampleRuns.Full(100, 0), 4, 5);
        RunResult[] runs = [SampleRuns.Naive(20_000), ceiling[0], full[0], ceiling[1], full[1], SampleRuns.HalfLoad(100, 2, 10)];

        var groups = RunRounds.Of(runs);

        Assert.Equal([(LoadPattern.Naive, (int?)null), (LoadPattern.Ceiling, 100), (LoadPattern.Full, 100)], groups.Select(g => (g.Pattern, g.BatchSize)));
        Assert.Equal(["ceiling-100-r1", "ceiling-100-r2"], groups[1].Rounds.Select(r => r.Name));
        Assert.Equal(["full-100-r1", "full-100-r2"], groups[2].Rounds.Select(r => r.Name));
    }

    [Fact]
    public void Problem_OneRoundWithErrors_IsTheGroupsProblemNamingThatRound()
    {
        var rounds = SampleRuns.InRounds(SampleRuns.Full(1000, 0), 5_000_000, 6_000_000, 7_000_000);
        rounds[2] = SampleRuns.WithErrors(rounds[2]);

        var group = Assert.Single(RunRounds.Of(rounds));

        Assert.Null(group.Median.Problem);
        Assert.Equal("full-1000-r3: errors: Unavailable ×2", group.Problem);
    }

    [Fact]
    public void Problem_CleanRounds_IsNull() =>
        Assert.Null(Assert.Single(RunRounds.Of(SampleRuns.InRounds(SampleRuns.Full(1000, 0), 5_000_000, 6_000_000, 7_000_000))).Problem);

    [Fact]
    public void Of_SqliteAndPostgresRuns_AGroupPerStorageSetupSqliteFirst()
    {
        var sqlite = SampleRuns.InRounds(SampleRuns.Full(1000, 0), 4_000_000, 5_000_000);
        var postgres = SampleRuns.InRounds(SampleRuns.OnPostgres(SampleRuns.Full(1000, 0), 2), 3_000_000, 2_000_000);

        var groups = RunRounds.Of([postgres[0], sqlite[0], postgres[1], sqlite[1]]);

        Assert.Equal([Ingest.LoadBenchmark.Load.StorageSetup.Sqlite, Ingest.LoadBenchmark.Load.StorageSetup.Postgres(2)], groups.Select(g => g.Setup));
        Assert.Equal(["full-1000-pg2-r1", "full-1000-pg2-r2"], groups[1].Rounds.Select(r => r.Name));
        Assert.Equal(["full-1000"], ThroughputRatio.FullRounds([.. sqlite, .. postgres]).Select(g => g.Median.Name[..9]));
    }
}
