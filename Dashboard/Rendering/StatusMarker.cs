using Ingest.Dashboard.Model;
using Spectre.Console;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// How a sensor's status shows: a marker and a word (so that it reads without colour) and a colour for the
/// whole row. A paused (or disabled) sensor reads <c>paused</c> after its liveness marker (a paused sensor sends no
/// readings, so it turns stale, then offline: <c>✖ paused</c>), short enough for the narrowest table; its status is
/// coloured by liveness, but its row is not coloured as an alarm. A sensor of which nothing is stored because
/// every batch it sent was rejected reads <c>rejected</c> after its liveness marker (<c>● rejected</c> while its
/// batches arrive), in red, whatever else it is. Rows of data that may be out of date are dimmed.
/// </summary>
internal static class StatusMarker
{
    public static string Text(SensorStatus status, bool paused = false, bool rejected = false) =>
        $"{Marker(status)} {(rejected ? "rejected" : paused ? "paused" : status == SensorStatus.Unknown ? "unknown" : status.ToString().ToLowerInvariant())}";

    /// <summary>The marker of a liveness: <c>●</c> live, <c>▲</c> stale, <c>✖</c> offline, <c>?</c> unknown.</summary>
    public static char Marker(SensorStatus status) => status switch
    {
        SensorStatus.Live => '●',
        SensorStatus.Stale => '▲',
        SensorStatus.Offline => '✖',
        _ => '?',
    };

    public static Style RowStyle(SensorStatus status, bool lastKnown, bool paused = false, bool rejected = false) =>
        (lastKnown, rejected, paused) switch
        {
            (true, _, _) => new Style(Color.Grey, decoration: Decoration.Dim),
            (_, true, _) => new Style(Color.Red),
            (_, _, true) => Style.Plain,
            _ => status switch
            {
                SensorStatus.Stale => new Style(Color.Yellow),
                SensorStatus.Offline => new Style(Color.Red),
                _ => Style.Plain,
            },
        };

    public static Style StatusStyle(SensorStatus status, bool lastKnown, bool paused = false, bool rejected = false) =>
        (lastKnown, rejected, paused) switch
        {
            (true, _, _) => RowStyle(status, lastKnown),
            (_, true, _) => new Style(Color.Red, decoration: Decoration.Bold),
            (_, _, true) => status switch
            {
                SensorStatus.Stale => new Style(Color.Yellow),
                SensorStatus.Offline => new Style(Color.Red),
                _ => new Style(Color.Blue),
            },
            _ => status switch
            {
                SensorStatus.Live => new Style(Color.Green),
                SensorStatus.Stale => new Style(Color.Yellow, decoration: Decoration.Bold),
                SensorStatus.Offline => new Style(Color.Red, decoration: Decoration.Bold),
                _ => Style.Plain,
            },
        };
}
