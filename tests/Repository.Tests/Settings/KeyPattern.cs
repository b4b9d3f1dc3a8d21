namespace Ingest.Repository.Tests.Settings;

/// <summary>Matches a configuration key against a documented one, where <c>&lt;name&gt;</c> stands for any one segment. Keys ignore case, as .NET configuration does.</summary>
internal static class KeyPattern
{
    public static bool Matches(string pattern, string key)
    {
        var expected = pattern.Split(':');
        var actual = key.Split(':');
        return expected.Length == actual.Length && expected.Zip(actual).All(pair =>
            pair.First == "<name>" ? pair.Second.Length > 0 : string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether <paramref name="key"/> is a setting, a section or sub-section of one, or a key inside a map setting.</summary>
    public static bool IsKnown(string key, IEnumerable<Setting> settings) => settings.Any(setting =>
        Matches(setting.Key, key)
        || IsPrefix(key, setting.Key)
        || (setting.Type.StartsWith("map", StringComparison.Ordinal) && key.Split(':').Length > setting.Key.Split(':').Length
            && Matches(setting.Key, string.Join(':', key.Split(':')[..setting.Key.Split(':').Length]))));

    private static bool IsPrefix(string section, string settingKey)
    {
        var segments = settingKey.Split(':');
        var count = section.Split(':').Length;
        return count < segments.Length && Matches(string.Join(':', segments[..count]), section);
    }
}
