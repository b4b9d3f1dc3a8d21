using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Tests.Measurement;

public sealed class ProcStatusTests
{
    private const string Status = "Name:\tdotnet\nUmask:\t0022\nVmPeak:\t 3300000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t25\n";

    [Fact]
    public void ParseBytes_PeakResident_IsKibibytesInBytes() => Assert.Equal(204800L * 1024, ProcStatus.ParseBytes(Status, ProcStatus.PeakResident));

    [Fact]
    public void ParseBytes_Resident_ReadsItsOwnFieldNotAPrefixOfAnother() => Assert.Equal(102400L * 1024, ProcStatus.ParseBytes(Status, ProcStatus.Resident));

    [Fact]
    public void ParseBytes_FieldAbsent_IsNull() => Assert.Null(ProcStatus.ParseBytes("Name:\tkthreadd\n", ProcStatus.PeakResident));

    [Fact]
    public void ParseBytes_FieldWithoutNumber_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => ProcStatus.ParseBytes("VmHWM:\t lots kB\n", ProcStatus.PeakResident));

    [Fact]
    public void ProcessSample_ThisProcess_HasPeakAtLeastCurrentMemory()
    {
        var sample = ProcessSample.Read(Environment.ProcessId);

        Assert.True(sample.RssBytes > 0);
        Assert.True(sample.PeakRssBytes >= sample.RssBytes);
    }
}
