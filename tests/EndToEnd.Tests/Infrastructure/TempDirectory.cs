namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>A fresh directory for one test's data and logs; removed afterwards unless the test failed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ingest-e2e", $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 60)]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Keeps the directory (logs, database) for a post-mortem.</summary>
    public bool Keep { get; set; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (!Keep)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
