using System.Runtime.InteropServices;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>The machine the figures were measured on.</summary>
internal sealed record MachineInfo(int ProcessorCount, string OperatingSystem, string DotNet, string CpuModel)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        CpuModelFrom(File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : ""));

    /// <summary>The first <c>model name</c> of a <c>/proc/cpuinfo</c> text; "unknown" without one.</summary>
    public static string CpuModelFrom(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        var line = cpuinfo.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        var colon = line?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return line is null || colon < 0 ? "unknown" : line[(colon + 1)..].Trim();
    }
}
