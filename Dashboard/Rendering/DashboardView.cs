using Ingest.Dashboard.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// The whole screen for one state: header, sensor table, why sensors' batches were rejected (when any were) and,
/// in the live view, a footer. Built for the width and height given, so that it fits the terminal as it is now:
/// rows that do not fit are counted, not drawn.
/// </summary>
internal static class DashboardView
{
    /// <summary>Lines the table takes beyond its rows (blank top edge, column headers, separator, blank bottom edge) and one spare.</summary>
    private const int TableChromeLines = 5;

    /// <summary>The view for <paramref name="state"/>; <paramref name="height"/> limits the rows shown when <paramref name="live"/>.</summary>
    public static IRenderable Render(
        DashboardState state, ViewSettings settings, int width, int height, DateTimeOffset now, bool live)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        width = Math.Max(1, width);
        var header = HeaderView.Render(state, settings, now);
        var rows = RowOrdering.Sort(state.Rows.Values.Where(settings.Filter.Matches), settings.Sort);

        var shown = rows;
        var notes = RejectionNotes.Render(rows, live);
        var footer = notes.Concat(Footer(rows.Count, hidden: 0, live)).ToList();
        if (live && rows.Count > Room(height, width, header, footer))
        {
            footer = [.. notes, .. Footer(rows.Count, rows.Count, live)];
            shown = rows.Take(Room(height, width, header, footer)).ToArray();
            footer = [.. notes, .. Footer(rows.Count, rows.Count - shown.Count, live)];
        }

        var parts = new List<IRenderable>(header.Select(line => new Markup(line)))
        {
            shown.Count > 0
                ? SensorTable.Render(shown, state.IsShowingLastKnownData, width)
                : new Markup($"[grey]{EmptyReason(state)}[/]"),
        };
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
