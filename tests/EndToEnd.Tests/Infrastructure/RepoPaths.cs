using System.Reflection;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository and the programs built from it are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of these tests; the programs are built in the same one.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string CollectorDll => Program("Collector", "Ingest.Collector");

    public static string SimulatorDll => Program("SensorSimulator", "Ingest.SensorSimulator");

    public static string DashboardDll => Program("Dashboard", "Ingest.Dashboard");

    private static string Program(string folder, string assembly)
    {
        var path = Path.Combine(Root, folder, "bin", Configuration, "net10.0", assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assembly} is not built; build Ingest.sln in {Configuration} first.", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ingest.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Ingest.sln was not found above " + AppContext.BaseDirectory);
    }
}
