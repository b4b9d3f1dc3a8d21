using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class MachineInfoTests
{
    private const string Mounts =
        "overlay / overlay rw,relatime 0 0\n" +
        "proc /proc proc rw,nosuid 0 0\n" +
        "tmpfs /tmp tmpfs rw,nosuid 0 0\n" +
        "/dev/vdb /work ext4 rw,relatime 0 0\n" +
        "/dev/vdc /work/my\\040disk xfs rw 0 0\n";

    [Fact]
    public void CpuModelFrom_CpuInfo_IsTheFirstModelName() =>
        Assert.Equal("AMD EPYC 7B13", MachineInfo.CpuModelFrom("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: other\n"));

    [Fact]
    public void CpuModelFrom_NoModelName_IsUnknown() => Assert.Equal("unknown", MachineInfo.CpuModelFrom("processor\t: 0\n"));

    [Theory]
    [InlineData("/tmp/ingest-bench/full-1000", "tmpfs")]
    [InlineData("/tmpfoo/x", "overlay")]
    [InlineData("/work/main/bench-results/storage", "ext4")]
    [InlineData("/work", "ext4")]
    [InlineData("/work/my disk/storage", "xfs")]
    [InlineData("/home/me", "overlay")]
    public void FileSystemTypeFromMounts_Path_IsTheTypeOfTheLongestMountPointHoldingIt(string path, string expected) =>
        Assert.Equal(expected, FileSystemType.FromMounts(Mounts, path));

    [Fact]
    public void FileSystemTypeFromMounts_SameMountPointTwice_TheLaterOneWins() =>
        Assert.Equal("tmpfs", FileSystemType.FromMounts("/dev/vda /data ext4 rw 0 0\ntmpfs /data tmpfs rw 0 0\n", "/data/x"));

    [Fact]
    public void FileSystemTypeOf_ThisDirectory_IsKnown() => Assert.NotEqual("unknown", FileSystemType.Of(AppContext.BaseDirectory));
}
