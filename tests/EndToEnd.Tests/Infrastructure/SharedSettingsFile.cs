using System.Text.Json.Nodes;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A copy of the repository's shared <c>appsettings.json</c> in a test's directory, which a program reads through
/// <c>INGEST_SETTINGS</c> and the test edits while it runs (the programs reload it, polling for changes).
/// </summary>
internal sealed class SharedSettingsFile
{
    private readonly JsonNode _root;

    private SharedSettingsFile(string path, JsonNode root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>The environment that makes a program read this file.</summary>
    public IDictionary<string, string> Environment => new Dictionary<string, string> { ["INGEST_SETTINGS"] = Path };

    public static SharedSettingsFile CopyTo(TempDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var root = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(RepoPaths.Root, "appsettings.json")))
            ?? throw new InvalidDataException("The shared appsettings.json is empty.");
        var file = new SharedSettingsFile(directory.File("ingest.appsettings.json"), root);
        file.Save();
        return file;
    }

    /// <summary>Sets <paramref name="key"/> (e.g. <c>Collector:Chaos:Commit:FaultRate</c>) and saves the file in one rename, so a reload never reads half of it.</summary>
    public void Set(string key, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var names = key.Split(':');
        var section = _root;
        foreach (var name in names[..^1])
        {
            section = section[name] ??= new JsonObject();
        }

        section[names[^1]] = value;
        Save();
    }

    private void Save()
    {
        var staging = Path + ".new";
        File.WriteAllText(staging, _root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.Move(staging, Path, overwrite: true);
    }
}
