using Ingest.Dashboard.Model;
using Spectre.Console;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// The fleet's ingest rate over the last minutes as a braille line: each character holds two slots side by side and
/// four levels, so <see cref="Rows"/> rows give a line of 4 × rows levels from 0 to the peak shown. A title line above
/// says the span, the rate now and the peak.
/// </summary>
internal static class RateChart
{
    /// <summary>Rows of braille the chart takes in a tall view.</summary>
    public const int Rows = 3;

    /// <summary>Rows of braille in a short terminal, so that the sensors keep their room.</summary>
    public const int ShortRows = 2;

    private const char BrailleBase = '\u2800';

    /// <summary>Dot bits of a braille cell, by column (left, right) and row (top to bottom).</summary>
    private static readonly int[,] Dots = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };

    /// <summary>The chart's lines (markup): a title and <paramref name="rows"/> of braille; empty before any rate arrived.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<RateHistory> histories, DateTimeOffset now, int width, int rows = Rows)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var all = histories.ToArray();
        var capacity = all.Length == 0 ? 0 : all.Max(history => history.Capacity);
        var points = Math.Min(capacity, Math.Max(2, width - 1) * 2);
        var series = RateHistory.Sum(all, now, points);
        if (points == 0 || series.All(double.IsNaN))
        {
            return [];
        }

        var known = series.Where(value => !double.IsNaN(value)).ToArray();
        var peak = known.Max();
        var span = TimeSpan.FromTicks(RateHistory.SlotLength.Ticks * points);
        var title = PhraseWrap.Wrap(
            [
                $"[bold]fleet ingest[/] readings/s, last {ValueFormat.Duration(span)}",
                $"now [bold]{ValueFormat.ShortRate(known[^1])}[/]",
                $"peak {ValueFormat.ShortRate(peak)}",
            ],
            width);
        return [.. title, .. Braille(series, peak, rows).Select(line => $"[green]{Markup.Escape(line)}[/]")];
    }

    /// <summary>
    /// The braille rows of <paramref name="series"/> scaled from 0 to <paramref name="peak"/>, top row first; NaN
    /// slots are blank, and neighbouring slots are joined by a vertical run so that the line reads as one.
    /// </summary>
    public static IReadOnlyList<string> Braille(IReadOnlyList<double> series, double peak, int rows)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var levels = rows * 4;
        var cells = new int[rows, (series.Count + 1) / 2];
        int? previous = null;
        for (var x = 0; x < series.Count; x++)
        {
            if (double.IsNaN(series[x]))
            {
                previous = null;
                continue;
            }

            var level = peak > 0 ? (int)Math.Round(series[x] / peak * (levels - 1)) : 0;
            level = Math.Clamp(level, 0, levels - 1);
            var (low, high) = previous is { } before ? (Math.Min(before, level), Math.Max(before, level)) : (level, level);

            // Join to the previous slot: every level strictly between the two, and this one.
            for (var y = low; y <= high; y++)
            {
                if (previous is { } p && y == p && p != level)
                {
                    continue;
                }

                var fromTop = levels - 1 - y;
                cells[fromTop / 4, x / 2] |= Dots[x % 2, fromTop % 4];
            }

            previous = level;
        }

        var lines = new string[rows];
        for (var row = 0; row < rows; row++)
        {
            var chars = new char[cells.GetLength(1)];
            for (var column = 0; column < chars.Length; column++)
            {
                chars[column] = (char)(BrailleBase + cells[row, column]);
            }

            lines[row] = new string(chars);
        }

        return lines;
    }
}
