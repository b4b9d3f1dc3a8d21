using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Tests.Reporting;

public sealed class MachineInfoTests
{
    [Fact]
    public void CpuModelFrom_CpuInfo_IsTheFirstModelName() =>
        Assert.Equal("AMD EPYC 7B13", MachineInfo.CpuModelFrom("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: other\n"));

    [Fact]
    public void CpuModelFrom_NoModelName_IsUnknown() => Assert.Equal("unknown", MachineInfo.CpuModelFrom("processor\t: 0\n"));
}
