namespace Ingest.LoadBenchmark.CommandLine;

/// <summary>Where the benchmark finds the collector it starts, relative to the repository it was built in.</summary>
internal static class RepositoryLayout
{
    /// <summary>The Release build of the collector under the repository that holds this program; empty when no repository is found.</summary>
    public static string DefaultCollectorDll()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ingest.sln")))
            {
                return Path.Combine(directory.FullName, "Collector", "bin", "Release", "net10.0", "Ingest.Collector.dll");
            }
        }

        return "";
    }
}
