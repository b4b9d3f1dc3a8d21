using Spectre.Console;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// Lays phrases of Spectre markup out in lines no wider than a width, breaking only between phrases, so that a
/// narrow terminal never splits "3 offline" or "window 1s" in two. A phrase wider than the width alone stays whole on
/// its own line (the console wraps it).
/// </summary>
internal static class PhraseWrap
{
    /// <summary>The lines, as markup: phrases joined by <paramref name="separator"/>; continuation lines start with <paramref name="indent"/>.</summary>
    public static IReadOnlyList<string> Wrap(IEnumerable<string> phrases, int width, string separator = " · ", string indent = "")
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(separator);
        var lines = new List<string>();
        var current = new List<string>();
        var used = 0;
        foreach (var phrase in phrases.Where(phrase => phrase.Length > 0))
        {
            var length = Length(phrase);
            if (current.Count > 0 && used + separator.Length + length > width)
            {
                lines.Add(Join(current, separator, lines.Count > 0 ? indent : ""));
                current.Clear();
            }

            used = current.Count == 0 ? (lines.Count > 0 ? indent.Length : 0) + length : used + separator.Length + length;
            current.Add(phrase);
        }

        if (current.Count > 0)
        {
            lines.Add(Join(current, separator, lines.Count > 0 ? indent : ""));
        }

        return lines;
    }

    private static string Join(List<string> phrases, string separator, string indent) =>
        Markup.Escape(indent) + string.Join(Markup.Escape(separator), phrases);

    /// <summary>The width <paramref name="markup"/> takes on screen.</summary>
    public static int Length(string markup) => Markup.Remove(markup).Length;
}
