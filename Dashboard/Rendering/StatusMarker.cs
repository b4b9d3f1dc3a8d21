using Ingest.Dashboard.Model;
using Spectre.Console;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// How a sensor's status shows: a marker and a word (so that it reads without colour) and a colour for the
/// whole row. A paused (or disabled) sensor reads <c>paused</c> after its liveness marker (a paused sensor sends no
/// readings, so it turns stale, then offline: <c>✖ paused</c>), short enough for the narrowest table; its status is
/// coloured by liveness, but its row is not coloured as an alarm. Rows of data that may be out of date are dimmed.
/// </summary>
internal static class StatusMarker
{
    public static string Text(SensorStatus status, bool paused = false) =>
        $"{Marker(status)} {(paused ? "paused" : status == SensorStatus.Unknown ? "unknown" : status.ToString().ToLowerInvariant())}";

    /// <summary>The marker of a liveness: <c>●</c> live, <c>▲</c> stale, <c>✖</c> offline, <c>?</c> unknown.</summary>
    public static char Marker(SensorStatus status) => status switch
    {
        SensorStatus.Live => '●',
        SensorStatus.Stale => '▲',
        SensorStatus.Offline => '✖',
        _ => '?',
    };

    public static Style RowStyle(SensorStatus status, bool lastKnown, bool paused = false) =>
        lastKnown
            ? new Style(Color.Grey, decoration: Decoration.Dim)
            : paused
                ? Style.Plain
                : status switch
                {
                    SensorStatus.Stale => new Style(Color.Yellow),
                    SensorStatus.Offline => new Style(Color.Red),
                    _ => Style.Plain,
                };

    public static Style StatusStyle(SensorStatus status, bool lastKnown, bool paused = false) =>
        lastKnown
            ? RowStyle(status, lastKnown, paused)
            : paused
                ? status switch
                {
                    SensorStatus.Stale => new Style(Color.Yellow),
                    SensorStatus.Offline => new Style(Color.Red),
                    _ => new Style(Color.Blue),
                }
                : status switch
                {
                    SensorStatus.Live => new Style(Color.Green),
                    SensorStatus.Stale => new Style(Color.Yellow, decoration: Decoration.Bold),
                    SensorStatus.Offline => new Style(Color.Red, decoration: Decoration.Bold),
                    _ => Style.Plain,
                };
}
