using Ingest.Dashboard.Model;
using Spectre.Console;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// How a sensor's status shows: a marker and a word (so that it reads without colour) and a colour for the
/// whole row. Rows of data that may be out of date are dimmed.
/// </summary>
internal static class StatusMarker
{
    public static string Text(SensorStatus status) => status switch
    {
        SensorStatus.Live => "● live",
        SensorStatus.Stale => "▲ stale",
        SensorStatus.Offline => "✖ offline",
        _ => "? unknown",
    };

    public static Style RowStyle(SensorStatus status, bool lastKnown) =>
        lastKnown
            ? new Style(Color.Grey, decoration: Decoration.Dim)
            : status switch
            {
                SensorStatus.Stale => new Style(Color.Yellow),
                SensorStatus.Offline => new Style(Color.Red),
                _ => Style.Plain,
            };

    public static Style StatusStyle(SensorStatus status, bool lastKnown) =>
        lastKnown
            ? RowStyle(status, lastKnown)
            : status switch
            {
                SensorStatus.Live => new Style(Color.Green),
                SensorStatus.Stale => new Style(Color.Yellow, decoration: Decoration.Bold),
                SensorStatus.Offline => new Style(Color.Red, decoration: Decoration.Bold),
                _ => Style.Plain,
            };
}
