using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// docs/settings.md: written by hand around generated blocks, one per section, each between
/// <c>&lt;!-- generated settings: SECTION --&gt;</c> and <c>&lt;!-- end generated settings --&gt;</c>.
/// </summary>
internal sealed partial class SettingsDocument
{
    public const string EndMarker = "<!-- end generated settings -->";

    private readonly string _text;

    public SettingsDocument(string text) => _text = text.ReplaceLineEndings("\n");

    /// <summary>The sections the document holds a generated block for, in document order.</summary>
    public IReadOnlyList<string> Sections => [.. Block().Matches(_text).Select(match => match.Groups["section"].Value)];

    public static string BeginMarker(string section) => $"<!-- generated settings: {section} -->";

    /// <summary>
    /// The document as it should be: every block regenerated from <paramref name="sections"/>, the blocks of sections
    /// that no longer exist removed, and a block for each new section appended at the end for a person to move.
    /// </summary>
    public string Regenerate(IReadOnlyList<SettingsSection> sections)
    {
        var byName = sections.ToDictionary(section => section.Name, StringComparer.Ordinal);
        var text = Block().Replace(_text, match =>
            byName.TryGetValue(match.Groups["section"].Value, out var section) ? Wrap(section) : "");
        var missing = sections.Where(section => !Sections.Contains(section.Name, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0)
        {
            return text;
        }

        var appended = new StringBuilder(text.TrimEnd('\n')).Append("\n\n## New sections (move each where it belongs)\n");
        foreach (var section in missing)
        {
            appended.Append('\n').Append(Wrap(section));
        }

        return appended.ToString();
    }

    private static string Wrap(SettingsSection section) =>
        BeginMarker(section.Name) + "\n" + SettingsMarkdown.Render(section) + EndMarker + "\n";

    [GeneratedRegex(@"<!-- generated settings: (?<section>[^ ]+) -->\n.*?<!-- end generated settings -->\n", RegexOptions.Singleline)]
    private static partial Regex Block();
}
