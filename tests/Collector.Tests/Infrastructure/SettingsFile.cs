namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>
/// A JSON settings file of a test's own, in a temporary directory, for a collector that reloads it while it runs
/// (<see cref="CollectorFactory.WithSettingsFile"/>). Each <see cref="Write"/> replaces the whole file; the
/// directory goes on dispose.
/// </summary>
internal sealed class SettingsFile : IDisposable
{
    private readonly TempDirectory _directory;

    public SettingsFile(string name, string json)
    {
        _directory = new TempDirectory(name);
        Path = _directory.File("settings.json");
        Write(json);
    }

    public string Path { get; }

    public void Write(string json) => File.WriteAllText(Path, json);

    public void Dispose() => _directory.Dispose();
}
