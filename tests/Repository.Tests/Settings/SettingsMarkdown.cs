using System.Text;

namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// The generated part of docs/settings.md for one section: a heading, the options class's summary and a table of its
/// settings with type, default and description.
/// </summary>
internal static class SettingsMarkdown
{
    public static string Render(SettingsSection section)
    {
        var text = new StringBuilder();
        text.Append("### `").Append(section.Name).Append("`\n\n");
        if (section.Summary.Length > 0)
        {
            text.Append(section.Summary).Append("\n\n");
        }

        text.Append("| key | type | default | description |\n");
        text.Append("| --- | --- | --- | --- |\n");
        foreach (var setting in section.Settings)
        {
            text.Append("| `").Append(setting.Key).Append("` | ").Append(setting.Type).Append(" | ")
                .Append(setting.Default).Append(" | ").Append(setting.Description).Append(" |\n");
        }

        return text.ToString();
    }
}
