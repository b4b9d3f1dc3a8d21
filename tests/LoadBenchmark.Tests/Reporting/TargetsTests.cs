using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class TargetsTests
{
    private const int FullThroughput = 0, OverCeiling = 1, OverNaive = 2, HalfLoadLatency = 3, Scale = 4;

    private static RunResult[] GoodRuns() =>
        [SampleRuns.Naive(20_000), SampleRuns.Ceiling(1000, 7_000_000), SampleRuns.Full(1000, 5_500_000), SampleRuns.HalfLoad(1000, 2_750_000, 40)];

    [Fact]
    public void Evaluate_EveryTargetReached_AllMet()
    {
        var verdicts = Targets.Evaluate(GoodRuns(), SampleRuns.GoodScale);

        Assert.Equal(5, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Met, v.Target + ": " + v.Measured));
    }

    [Fact]
    public void Evaluate_FiguresBelowTheTargets_NotMet()
    {
        RunResult[] runs = [SampleRuns.Naive(20_000), SampleRuns.Ceiling(1000, 7_000_000), SampleRuns.Full(1000, 2_000_000), SampleRuns.HalfLoad(1000, 1_000_000, 150)];

        var verdicts = Targets.Evaluate(runs, SampleRuns.GoodScale with { Process = new ProcessFigures { CollectorPeakRssBytes = 2L << 30 } });

        Assert.Equal([false, false, false, false, false], verdicts.Select(v => v.Met));
        Assert.All(verdicts, v => Assert.Equal("not met", v.Verdict));
    }

    [Fact]
    public void Evaluate_FullRunWithRpcErrors_ItsTargetsAndRatiosNotMeasuredNamingTheErrors()
    {
        var runs = GoodRuns();
        runs[2] = SampleRuns.WithErrors(runs[2]);

        var verdicts = Targets.Evaluate(runs, null);

        foreach (var index in new[] { FullThroughput, OverCeiling, OverNaive })
        {
            Assert.Null(verdicts[index].Met);
            Assert.Contains("not measured (", verdicts[index].Verdict, StringComparison.Ordinal);
            Assert.Contains("errors: Unavailable ×2", verdicts[index].Verdict, StringComparison.Ordinal);
        }

        Assert.True(verdicts[HalfLoadLatency].Met);
    }

    [Fact]
    public void Evaluate_NaiveRunWithErrors_OnlyTheNaiveRatioNotMeasured()
    {
        var runs = GoodRuns();
        runs[0] = SampleRuns.WithErrors(runs[0], "DeadlineExceeded", 1);

        var verdicts = Targets.Evaluate(runs, null);

        Assert.True(verdicts[FullThroughput].Met);
        Assert.True(verdicts[OverCeiling].Met);
        Assert.Equal("not measured (naive: errors: DeadlineExceeded ×1)", verdicts[OverNaive].Verdict);
    }

    [Fact]
    public void Evaluate_CeilingRunWithNoAcks_RatioNotMeasured()
    {
        var runs = GoodRuns();
        runs[1] = runs[1] with { ReadingsAcked = 0, ReadingsPerSecond = 0 };

        var verdict = Targets.Evaluate(runs, null)[OverCeiling];

        Assert.Null(verdict.Met);
        Assert.Contains("ceiling-1000: no readings acknowledged", verdict.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FastButStorageMismatch_FullThroughputNotMeasured()
    {
        var full = SampleRuns.Full(1000, 6_000_000) with { Storage = SampleRuns.StorageMismatch };

        var verdict = Targets.Evaluate([full], null)[FullThroughput];

        Assert.Null(verdict.Met);
        Assert.Contains("storage check failed: s: acknowledged up to sequence 10 but stored only up to 9", verdict.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DuplicateOrRejectedBatches_CountAsErrors()
    {
        var full = SampleRuns.Full(1000, 6_000_000) with { DuplicateBatches = 1, RejectedBatches = 2, Gaps = 3 };

        var verdict = Targets.Evaluate([full], null)[FullThroughput];

        Assert.Null(verdict.Met);
        Assert.Contains("duplicate batches ×1, rejected batches ×2, sequence gaps ×3", verdict.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HalfLoadRunWithErrors_NotMeasured()
    {
        var runs = GoodRuns();
        runs[3] = SampleRuns.WithErrors(runs[3], "ResourceExhausted", 4);

        var verdict = Targets.Evaluate(runs, null)[HalfLoadLatency];

        Assert.Null(verdict.Met);
        Assert.Contains("errors: ResourceExhausted ×4", verdict.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HalfLoadRunShortOfItsRate_NotMeasured()
    {
        var runs = GoodRuns();
        runs[3] = runs[3] with { ReadingsPerSecond = 2_000_000 };

        var verdict = Targets.Evaluate(runs, null)[HalfLoadLatency];

        Assert.Null(verdict.Met);
        Assert.Contains("reached 2,000,000 of the 2,750,000 readings/s it was limited to (73 %; at least 95 % needed)", verdict.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HalfLoadRunAtNinetyFivePercentOfItsRate_Judged()
    {
        var runs = GoodRuns();
        runs[3] = runs[3] with { ReadingsPerSecond = 0.95 * 2_750_000 };

        Assert.True(Targets.Evaluate(runs, null)[HalfLoadLatency].Met);
    }

    [Fact]
    public void Evaluate_HalfLoadRunWithFailedStorageCheck_NotMeasured()
    {
        var runs = GoodRuns();
        runs[3] = runs[3] with { Storage = SampleRuns.StorageMismatch };

        var verdict = Targets.Evaluate(runs, null)[HalfLoadLatency];

        Assert.Null(verdict.Met);
        Assert.Contains("storage check failed", verdict.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NothingAtTheReferenceBatchSizeNorScaleRun_NotMeasured()
    {
        var verdicts = Targets.Evaluate([SampleRuns.Full(100, 6_000_000)], null);

        Assert.All(verdicts, v => Assert.Null(v.Met));
        Assert.All(verdicts, v => Assert.Equal("not measured", v.Verdict));
    }

    [Fact]
    public void Evaluate_ScaleRunWithErrors_NotMet()
    {
        var scale = SampleRuns.GoodScale with { Errors = new Dictionary<string, long> { ["ResourceExhausted"] = 3 } };

        var verdict = Targets.Evaluate([], scale)[Scale];

        Assert.False(verdict.Met);
        Assert.Contains("3 errors", verdict.Measured, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("connected at start")]
    [InlineData("connected at end")]
    [InlineData("acked rate")]
    [InlineData("memory")]
    [InlineData("control stream ended")]
    public void Evaluate_ScaleRunShortOnOneCondition_NotMet(string condition)
    {
        var good = SampleRuns.GoodScale;
        var scale = condition switch
        {
            "connected at start" => good with { ConnectedAtStart = 9_990 },
            "connected at end" => good with { ConnectedAtEnd = 9_999 },
            "acked rate" => good with { ReadingsPerSecond = 9_400 },
            "memory" => good with { Process = new ProcessFigures { CollectorPeakRssBytes = (1L << 30) + 1 } },
            _ => good with { ControlStreamsEnded = 1 },
        };

        Assert.False(Targets.Evaluate([], scale)[Scale].Met);
    }

    [Fact]
    public void Evaluate_ScaleRunAtNinetyFivePercentOfItsRate_Met() =>
        Assert.True(Targets.Evaluate([], SampleRuns.GoodScale with { ReadingsPerSecond = 9_500 })[Scale].Met);

    [Fact]
    public void Evaluate_ScaleRunWhoseSensorsDidNotStop_NotMeasuredNamingTheFailure()
    {
        var scale = SampleRuns.GoodScale with { Failure = "12 of 10,000 sensors did not stop within 60 s of being told to" };

        var verdict = Targets.Evaluate([], scale)[Scale];

        Assert.Null(verdict.Met);
        Assert.Equal("not measured (failed: 12 of 10,000 sensors did not stop within 60 s of being told to)", verdict.Verdict);
    }

    [Fact]
    public void Evaluate_ScaleRunWithNoAcks_NotMeasured()
    {
        var verdict = Targets.Evaluate([], SampleRuns.GoodScale with { ReadingsAcked = 0, ReadingsPerSecond = 0 })[Scale];

        Assert.Null(verdict.Met);
        Assert.Contains("no readings acknowledged", verdict.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SeveralRounds_JudgesTheMedianRoundsNotTheBestPair()
    {
        // The best full round over the worst ceiling round would be 6.5 / 7 = 93 %; the medians give 5.5 / 8 = 69 %.
        RunResult[] runs =
        [
            SampleRuns.Naive(20_000),
            .. SampleRuns.InRounds(SampleRuns.Ceiling(1000, 0), 7_000_000, 9_000_000, 8_000_000),
            .. SampleRuns.InRounds(SampleRuns.Full(1000, 0), 4_000_000, 6_500_000, 5_500_000),
        ];

        var verdicts = Targets.Evaluate(runs, null);

        Assert.True(verdicts[FullThroughput].Met);
        Assert.Equal("5,500,000 readings/s (median of 3 rounds)", verdicts[FullThroughput].Measured);
        Assert.False(verdicts[OverCeiling].Met);
        Assert.Equal("69 %", verdicts[OverCeiling].Measured);
    }

    [Fact]
    public void Evaluate_ProblemInOneFullRoundThatIsNotTheMedian_ThroughputAndRatioTargetsNotMeasured()
    {
        var full = SampleRuns.InRounds(SampleRuns.Full(1000, 0), 5_500_000, 6_000_000, 7_000_000);
        full[2] = full[2] with { Storage = SampleRuns.StorageMismatch };
        RunResult[] runs = [SampleRuns.Naive(20_000), .. SampleRuns.InRounds(SampleRuns.Ceiling(1000, 0), 7_000_000, 7_000_000, 7_000_000), .. full];

        var verdicts = Targets.Evaluate(runs, null);

        foreach (var index in new[] { FullThroughput, OverCeiling, OverNaive })
        {
            Assert.Null(verdicts[index].Met);
            Assert.Contains("not measured (full-1000-r3: storage check failed", verdicts[index].Verdict, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_PostgresRows_ShareOfSqliteForEachAndTheirOwnHalfLoadAfterSqlitesTargets()
    {
        RunResult[] runs =
        [
            .. GoodRuns(),
            SampleRuns.OnPostgres(SampleRuns.Full(1000, 3_000_000), 1),
            SampleRuns.OnPostgres(SampleRuns.Full(1000, 2_000_000), 2),
            SampleRuns.OnPostgres(SampleRuns.HalfLoad(1000, 1_500_000, 150), 1),
        ];

        var verdicts = Targets.Evaluate(runs, SampleRuns.GoodScale);

        Assert.Equal(8, verdicts.Count);
        Assert.True(verdicts[HalfLoadLatency].Met, "SQLite's half load is judged on SQLite's run: " + verdicts[HalfLoadLatency].Measured);
        Assert.Equal("full on PostgreSQL, 1 collector ≥ 50 % of SQLite's readings/s, 1,000-reading batches", verdicts[4].Target);
        Assert.Equal(("3,000,000 readings/s, 55 % of SQLite's 5,500,000", (bool?)true), (verdicts[4].Measured, verdicts[4].Met));
        Assert.Equal(("2,000,000 readings/s, 36 % of SQLite's 5,500,000", (bool?)false), (verdicts[5].Measured, verdicts[5].Met));
        Assert.Equal("PostgreSQL: ack p99 ≤ 100 ms at half the peak load", verdicts[6].Target);
        Assert.False(verdicts[6].Met);
        Assert.StartsWith("10,000 connected sensors", verdicts[7].Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PostgresRowWithErrors_NotMeasuredNamingIt()
    {
        RunResult[] runs = [.. GoodRuns(), SampleRuns.WithErrors(SampleRuns.OnPostgres(SampleRuns.Full(1000, 3_000_000), 1))];

        var verdicts = Targets.Evaluate(runs, null);

        Assert.Null(verdicts[4].Met);
        Assert.Equal("not measured (full-1000-pg1: errors: Unavailable ×2)", verdicts[4].Verdict);
    }
}
