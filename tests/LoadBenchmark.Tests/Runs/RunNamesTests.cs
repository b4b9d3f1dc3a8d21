using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Runs;

namespace Ingest.LoadBenchmark.Tests.Runs;

public sealed class RunNamesTests
{
    [Theory]
    [InlineData("Ceiling", 1000, 2, 3, "ceiling-1000-r2")]
    [InlineData("Full", 100, 1, 3, "full-100-r1")]
    [InlineData("Full", 10, 4, 4, "full-10-r4")]
    public void Of_SeveralRounds_EndsWithTheRound(string pattern, int batchSize, int round, int rounds, string expected) =>
        Assert.Equal(expected, RunNames.Of(Enum.Parse<LoadPattern>(pattern), batchSize, round, rounds));

    [Theory]
    [InlineData("Ceiling", 1000, "ceiling-1000")]
    [InlineData("Full", 100, "full-100")]
    public void Of_OneRound_IsTheNameWithoutARound(string pattern, int batchSize, string expected) =>
        Assert.Equal(expected, RunNames.Of(Enum.Parse<LoadPattern>(pattern), batchSize, 1, 1));

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    public void Of_RoundOutsideTheRounds_Throws(int round, int rounds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RunNames.Of(LoadPattern.Full, 1000, round, rounds));

    [Theory]
    [InlineData(1, 1, 1, "full-1000-pg1")]
    [InlineData(2, 2, 3, "full-1000-pg2-r2")]
    public void Of_Postgres_CarriesTheCollectorCount(int collectors, int round, int rounds, string expected) =>
        Assert.Equal(expected, RunNames.Of(LoadPattern.Full, 1000, round, rounds, StorageSetup.Postgres(collectors)));

    [Fact]
    public void Of_Sqlite_AddsNothing() => Assert.Equal("full-1000", RunNames.Of(LoadPattern.Full, 1000, 1, 1, StorageSetup.Sqlite));

    [Theory]
    [InlineData("full-1000-pg2-r1", "bench_full_1000_pg2_r1")]
    [InlineData("half-load-1000-pg1", "bench_half_load_1000_pg1")]
    public void DatabaseName_RunName_IsAPostgresNameOfLowerCaseLettersDigitsAndUnderscores(string runName, string expected) =>
        Assert.Equal(expected, ThroughputRun.DatabaseName(runName));
}
