using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Tests.Measurement;

public sealed class ProcStatTests
{
    // utime (field 14) = 1500, stime (field 15) = 250.
    private const string Stat =
        "4242 (dotnet) S 1 4242 4242 0 -1 4194560 123456 0 12 0 1500 250 0 0 20 0 25 0 987654 3000000000 25000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    public void ParseCpuTicks_StatLine_AddsUserAndSystemTime() => Assert.Equal(1750, ProcStat.ParseCpuTicks(Stat));

    [Fact]
    public void ParseCpuTicks_CommandNameWithSpacesAndParentheses_CountsFieldsFromItsLastParenthesis()
    {
        var stat = Stat.Replace("(dotnet)", "(my (odd) name)", StringComparison.Ordinal);

        Assert.Equal(1750, ProcStat.ParseCpuTicks(stat));
    }

    [Fact]
    public void ParseCpuTicks_TruncatedLine_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => ProcStat.ParseCpuTicks("4242 (dotnet) S 1 4242"));

    [Fact]
    public void ParseCpuTicks_NoCommandName_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => ProcStat.ParseCpuTicks("not a stat line"));

    [Fact]
    public void ReadCpuTicks_ThisProcess_ReadsAPositiveCount() => Assert.True(ProcStat.ReadCpuTicks(Environment.ProcessId) > 0);

    [Fact]
    public void ParseParentPid_StatLine_IsTheFieldAfterTheState() => Assert.Equal(1, ProcStat.ParseParentPid(Stat));

    [Fact]
    public void ParseReapedChildrenCpuTicks_StatLine_AddsCutimeAndCstime()
    {
        var stat = Stat.Replace(" 1500 250 0 0 ", " 1500 250 30 5 ", StringComparison.Ordinal);

        Assert.Equal(35, ProcStat.ParseReapedChildrenCpuTicks(stat));
    }
}
