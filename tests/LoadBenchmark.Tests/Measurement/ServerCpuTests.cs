using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Tests.Measurement;

public sealed class ServerCpuTests
{
    private static string Stat(int pid, int parent, long utime, long stime, long cutime = 0, long cstime = 0) =>
        $"{pid} (postgres) S {parent} {pid} {pid} 0 -1 4194560 100 0 0 0 {utime} {stime} {cutime} {cstime} 20 0 1 0 5000 200000000 3000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    public void Ticks_ServerWithChildren_AddsItsOwnItsReapedChildrensAndItsLiveChildrensButNoOthers()
    {
        var root = Stat(100, 1, utime: 10, stime: 5, cutime: 40, cstime: 2);
        string[] others = [Stat(101, 100, 200, 50), Stat(102, 100, 7, 3), Stat(300, 1, 1000, 1000), Stat(301, 101, 500, 500)];

        // 10 + 5 + 40 + 2 of the postmaster, 250 and 10 of its backends; not its grandchild, nor a stranger.
        Assert.Equal(317, ServerCpu.Ticks(100, root, others));
    }

    [Fact]
    public void TryReadSeconds_ThisProcess_ReadsAtLeastItsOwnCpu()
    {
        var seconds = ServerCpu.TryReadSeconds(Environment.ProcessId);

        Assert.NotNull(seconds);
        Assert.True(seconds >= ProcStat.ReadCpuTicks(Environment.ProcessId) / (double)ClockTicks.PerSecond - 0.02);
    }

    [Fact]
    public void TryReadSeconds_NoSuchProcess_IsNull() => Assert.Null(ServerCpu.TryReadSeconds(int.MaxValue));
}
