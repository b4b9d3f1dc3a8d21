using System.Text.Json;

namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// The keys a settings file sets, as .NET configuration reads them, except that a list or a map that is one setting
/// (e.g. <c>Simulator:Kinds</c>, <c>Collector:Control:Kinds</c>) is one key rather than a key per item.
/// </summary>
internal static class AppSettingsKeys
{
    public static IReadOnlyList<string> Read(string path, IReadOnlyList<Setting> settings)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var keys = new List<string>();
        Walk(document.RootElement, "", settings, keys);
        return keys;
    }

    private static void Walk(JsonElement element, string key, IReadOnlyList<Setting> settings, List<string> keys)
    {
        var isWholeSetting = key.Length > 0 && settings.Any(setting => KeyPattern.Matches(setting.Key, key)
            && (setting.Type.StartsWith("map", StringComparison.Ordinal) || setting.Type.StartsWith("list", StringComparison.Ordinal)));
        if (isWholeSetting || element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            keys.Add(key);
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, $"{key}:{index++}", settings, keys);
            }

            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            Walk(property.Value, key.Length == 0 ? property.Name : $"{key}:{property.Name}", settings, keys);
        }
    }
}
