using System.Globalization;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;
using Spectre.Console;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>How configuration values read in the <c>config</c> commands' text output.</summary>
internal static class ConfigFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A setting's duration, exactly, in the largest unit that fits: <c>10 ms</c>, <c>1.5 s</c>, <c>5 min</c>, <c>1 h</c>.</summary>
    public static string Duration(TimeSpan duration) => duration switch
    {
        { Ticks: 0 } => "0 s",
        _ when duration.Ticks % TimeSpan.TicksPerHour == 0 => $"{duration.TotalHours.ToString("0", Invariant)} h",
        _ when duration.Ticks % TimeSpan.TicksPerMinute == 0 => $"{duration.TotalMinutes.ToString("0", Invariant)} min",
        { TotalSeconds: < 1 and > -1 } => $"{duration.TotalMilliseconds.ToString("0.###", Invariant)} ms",
        _ => $"{duration.TotalSeconds.ToString("0.######", Invariant)} s",
    };

    /// <summary><c>v7</c>; <c>-</c> for 0 (none set, or not reported).</summary>
    public static string Version(ulong version) => version == 0 ? "-" : $"v{version}";

    /// <summary><c>in sync</c>, <c>pending</c>, <c>rejected</c>, or <c>-</c> when the collector did not say.</summary>
    public static string State(ConfigState state) => state switch
    {
        ConfigState.InSync => "in sync",
        ConfigState.Pending => "pending",
        ConfigState.Rejected => "rejected",
        _ => "-",
    };

    /// <summary>The colour of a state, as the live view's Config column: pending yellow, rejected red.</summary>
    public static Style? StateStyle(ConfigState state) => state switch
    {
        ConfigState.InSync => new Style(Color.Green),
        ConfigState.Pending => new Style(Color.Yellow),
        ConfigState.Rejected => new Style(Color.Red, decoration: Decoration.Bold),
        _ => (Style?)null,
    };

    /// <summary>How long ago <paramref name="time"/> was: <c>850 ms ago</c>, <c>2.4 s ago</c>; <c>never</c> when null.</summary>
    public static string Ago(DateTimeOffset? time, DateTimeOffset now) =>
        time is { } at ? $"{ValueFormat.Duration(now - at)} ago" : "never";

    /// <summary>ISO 8601 UTC to the millisecond.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", Invariant);

    /// <summary>Settings as <c>Key=Value</c> pairs, separated by spaces, in the order given.</summary>
    public static string Settings(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Count == 0 ? "(none)" : string.Join(' ', settings.Select(pair => $"{pair.Key}={pair.Value}"));
    }

    /// <summary>A fraction as a percentage with one decimal: <c>12.5%</c>.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", Invariant) + "%";

    /// <summary><c>1 sensor</c>, <c>3 sensors</c>.</summary>
    public static string Sensors(long count, string adjective = "") =>
        $"{count.ToString(Invariant)} {(adjective.Length > 0 ? adjective + " " : "")}{(count == 1 ? "sensor" : "sensors")}";

    /// <summary>A sensor's last status in a few words: <c>paused</c>, <c>disabled</c>, or empty while sampling.</summary>
    public static string Sampling(SensorReport? status) => status switch
    {
        { Disabled: true, Paused: true } => "disabled, paused",
        { Disabled: true } => "disabled",
        { Paused: true } => "paused",
        _ => "",
    };
}
