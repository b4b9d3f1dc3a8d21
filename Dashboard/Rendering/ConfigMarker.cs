using Ingest.Dashboard.Model;
using Spectre.Console;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// How a sensor's configuration shows in the Config column: <c>v7</c> in sync, <c>v6→v7</c> pending (reported →
/// desired, yellow), <c>v7 rejected</c> (red), <c>-</c> while both versions are 0. The words carry the state, so
/// that it reads without colour.
/// </summary>
internal static class ConfigMarker
{
    public static string Text(ulong desired, ulong reported, ConfigState state) =>
        (desired, reported) == (0, 0)
            ? "-"
            : Effective(desired, reported, state) switch
            {
                ConfigState.Rejected => $"v{desired} rejected",
                ConfigState.Pending => $"v{reported}→v{desired}",
                _ => $"v{desired}",
            };

    /// <summary>The cell's style; null keeps the row's.</summary>
    public static Style? Style(ulong desired, ulong reported, ConfigState state, bool lastKnown) =>
        lastKnown || (desired, reported) == (0, 0)
            ? null
            : Effective(desired, reported, state) switch
            {
                ConfigState.Pending => new Style(Color.Yellow),
                ConfigState.Rejected => new Style(Color.Red, decoration: Decoration.Bold),
                _ => (Style?)null,
            };

    /// <summary>
    /// <paramref name="state"/>, or, from a collector that does not say, in sync when the versions match and
    /// pending when they differ.
    /// </summary>
    public static ConfigState Effective(ulong desired, ulong reported, ConfigState state) =>
        state != ConfigState.Unknown ? state
        : desired == reported ? ConfigState.InSync
        : ConfigState.Pending;
}
