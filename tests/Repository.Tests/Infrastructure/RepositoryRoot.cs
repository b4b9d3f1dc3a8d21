namespace Ingest.Repository.Tests.Infrastructure;

/// <summary>The checkout these tests were built from: the directory above the test binaries that holds Ingest.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>The absolute path of <paramref name="relativePath"/> (written with '/') in the checkout.</summary>
    public static string Combine(string relativePath) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar)));

    /// <summary>The path of <paramref name="fullPath"/> relative to the checkout, written with '/'.</summary>
    public static string Relative(string fullPath) =>
        System.IO.Path.GetRelativePath(Path, fullPath).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Ingest.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Ingest.sln was not found above " + AppContext.BaseDirectory);
    }
}
