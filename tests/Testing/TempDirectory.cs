namespace Ingest.Testing;

/// <summary>A fresh directory for one test's files; removed on dispose unless <see cref="Keep"/> is set.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string name = "test")
    {
        ArgumentNullException.ThrowIfNull(name);
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ingest-tests", $"{name}-{Guid.NewGuid():N}")).FullName;
    }

    public string Path { get; }

    /// <summary>Keeps the directory (logs, database) for a post-mortem, e.g. until a test has passed.</summary>
    public bool Keep { get; set; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Keep)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
