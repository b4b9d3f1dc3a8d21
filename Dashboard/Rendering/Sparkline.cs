namespace Ingest.Dashboard.Rendering;

/// <summary>Draws a series as Unicode block characters, scaled between its own minimum and maximum.</summary>
internal static class Sparkline
{
    /// <summary>The eight levels, lowest first.</summary>
    public const string Levels = "▁▂▃▄▅▆▇█";

    /// <summary>The last <paramref name="maxWidth"/> values of <paramref name="values"/>; a flat series sits in the middle.</summary>
    public static string Render(IReadOnlyList<double> values, int maxWidth)
    {
        ArgumentNullException.ThrowIfNull(values);
        var shown = values.Skip(Math.Max(0, values.Count - Math.Max(0, maxWidth))).ToArray();
        if (shown.Length == 0)
        {
            return "";
        }

        var min = shown.Min();
        var span = shown.Max() - min;
        var chars = new char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            var level = span > 0 ? (int)Math.Round((shown[i] - min) / span * (Levels.Length - 1)) : (Levels.Length - 1) / 2;
            chars[i] = Levels[Math.Clamp(level, 0, Levels.Length - 1)];
        }

        return new string(chars);
    }
}
