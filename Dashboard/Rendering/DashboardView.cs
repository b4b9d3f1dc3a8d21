using Ingest.Dashboard.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// The whole screen for one state: header, the collector panel, the fleet's ingest-rate chart, sensor table, why
/// sensors' batches were rejected (when any were) and, in the live view, a footer. Built for the width and height given, so that it fits the terminal as it is now:
/// rows that do not fit are counted, not drawn.
/// </summary>
internal static class DashboardView
{
    /// <summary>Lines the table takes beyond its rows (blank top edge, column headers, separator, blank bottom edge) and one spare.</summary>
    private const int TableChromeLines = 5;

    /// <summary>Below this height the chart takes <see cref="RateChart.ShortRows"/> rows instead of <see cref="RateChart.Rows"/>.</summary>
    public const int ShortHeight = 40;

    /// <summary>The live view leaves out the chart rather than show fewer sensor rows than this.</summary>
    public const int MinRowsBesideChart = 8;

    /// <summary>The view for <paramref name="state"/>; <paramref name="height"/> limits the rows shown when <paramref name="live"/>.</summary>
    public static IRenderable Render(
        DashboardState state, ViewSettings settings, int width, int height, DateTimeOffset now, bool live)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        width = Math.Max(1, width);
        var header = HeaderView.Render(state, settings, now, width);
        var panel = CollectorPanel.Lines(state, width);
        var chart = RateChart.Lines(state.RateHistories, now, width, height < ShortHeight ? RateChart.ShortRows : RateChart.Rows);
        var aboveChrome = panel.Count > 0 ? 2 : 0;
        var rows = RowOrdering.Sort(state.Rows.Values.Where(settings.Filter.Matches), settings.Sort);
        var notes = RejectionNotes.Render(rows, live);

        // In a short terminal the sensors come first: the chart is left out rather than squeeze them.
        if (live && chart.Count > 0)
        {
            var room = Room(height - aboveChrome, width, header.Concat(panel), notes.Concat(Footer(rows.Count, hidden: 0, live)));
            var chartLines = chart.Sum(line => WrappedLines(Markup.Remove(line), width));
            chart = room - chartLines >= Math.Min(rows.Count, MinRowsBesideChart) ? chart : [];
        }

        var above = header.Concat(panel).Concat(chart).ToList();
        var shown = rows;
        var footer = notes.Concat(Footer(rows.Count, hidden: 0, live)).ToList();
        if (live && rows.Count > Room(height - aboveChrome, width, above, footer))
        {
            footer = [.. notes, .. Footer(rows.Count, rows.Count, live)];
            shown = rows.Take(Room(height - aboveChrome, width, above, footer)).ToArray();
            footer = [.. notes, .. Footer(rows.Count, rows.Count - shown.Count, live)];
        }

        var parts = new List<IRenderable>(header.Select(line => new Markup(line)));
        if (panel.Count > 0)
        {
            parts.Add(CollectorPanel.Render(panel));
        }

        parts.AddRange(chart.Select(line => new Markup(line)));
        parts.Add(
            shown.Count > 0
                ? SensorTable.Render(shown, state.IsShowingLastKnownData, width)
                : new Markup($"[grey]{EmptyReason(state)}[/]"));
        parts.AddRange(footer.Select(line => new Markup(line)));
        return new Rows(parts);
    }

    /// <summary>How many sensor rows fit below the header and above the footer.</summary>
    private static int Room(int height, int width, IEnumerable<string> header, IEnumerable<string> footer) =>
        Math.Max(1, height - header.Concat(footer).Sum(line => WrappedLines(Markup.Remove(line), width)) - TableChromeLines);

    private static IReadOnlyList<string> Footer(int total, int hidden, bool live)
    {
        var more = hidden > 0 ? $"[yellow]… {hidden} more not shown[/] (filter with --sensor/--kind) · " : "";
        return live ? [$"{more}[grey]{total} sensors · q quit[/]"]
            : hidden > 0 ? [more]
            : [];
    }

    /// <summary>How many lines <paramref name="text"/> takes when wrapped at spaces to <paramref name="width"/>.</summary>
    public static int WrappedLines(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = 1;
        var used = 0;
        foreach (var word in text.Split(' '))
        {
            var needed = used == 0 ? word.Length : used + 1 + word.Length;
            if (needed <= width)
            {
                used = needed;
                continue;
            }

            // The word starts a new line; a word longer than the width takes as many lines as it fills.
            lines += used == 0 ? 0 : 1;
            lines += Math.Max(0, (word.Length - 1) / width);
            used = word.Length % width == 0 && word.Length > 0 ? width : word.Length % width;
        }

        return lines;
    }

    private static string EmptyReason(DashboardState state) => state.Connection switch
    {
        { Phase: ConnectionPhase.Connected, SnapshotReceived: true } when state.Rows.Count > 0 => "no sensor matches --sensor/--kind",
        { Phase: ConnectionPhase.Connected, SnapshotReceived: true } => "the collector has no sensors to show yet",
        { Phase: ConnectionPhase.Connected } => "waiting for the collector's snapshot…",
        _ => "no data yet: waiting for the collector",
    };
}
