using System.Runtime.InteropServices;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>The machine the figures were measured on, and where (on which file system) the collectors stored their data.</summary>
internal sealed record MachineInfo(int ProcessorCount, string OperatingSystem, string DotNet, string CpuModel, string StorageDirectory = "", string StorageFileSystem = "unknown")
{
    /// <summary>This machine, with the collectors' storage in <paramref name="storageDirectory"/> (which exists).</summary>
    public static MachineInfo Current(string storageDirectory) => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        CpuModelFrom(File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : ""),
        Path.GetFullPath(storageDirectory),
        FileSystemType.Of(storageDirectory));

    /// <summary>The first <c>model name</c> of a <c>/proc/cpuinfo</c> text; "unknown" without one.</summary>
    public static string CpuModelFrom(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        var line = cpuinfo.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        var colon = line?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return line is null || colon < 0 ? "unknown" : line[(colon + 1)..].Trim();
    }
}
