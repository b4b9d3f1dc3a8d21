using Ingest.Dashboard.Model;
using Spectre.Console;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// The lines above the sensor table: connection (with several collectors, a line per collector: reachable or
/// retrying and why, and its own rate), collector totals (the fleet's, over several), sensor counts (with those whose configuration
/// is pending or rejected, those paused, and those with rejected batches, when any), and a stale-data warning.
/// </summary>
internal static class HeaderView
{
    /// <summary>The longest error text shown; the rest is cut.</summary>
    public const int MaxErrorLength = 300;

    /// <summary>
    /// The header's lines, as Spectre markup, wrapped to <paramref name="width"/> between phrases (never inside one:
    /// see <see cref="PhraseWrap"/>).
    /// </summary>
    public static IReadOnlyList<string> Render(DashboardState state, ViewSettings settings, DateTimeOffset now, int width = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        var connection = state.Connection;
        var lines = new List<string>();
        if (state.Collectors.Length > 1)
        {
            var current = FleetConnection.Current(state.Collectors);
            var summary = current == state.Collectors.Length ? "[green]●[/]" : current > 0 ? "[yellow]●[/]" : "[bold yellow]⟳[/]";
            lines.AddRange(PhraseWrap.Wrap(
                ["[bold]Ingest dashboard[/]", $"{summary} {current} of {state.Collectors.Length} collectors current"], width, "  "));
            foreach (var view in state.Collectors)
            {
                lines.AddRange(PhraseWrap.Wrap(CollectorLine(view, now), width, " · ", "    "));
            }
        }
        else
        {
            lines.AddRange(PhraseWrap.Wrap(
                ["[bold]Ingest dashboard[/]", Status(connection, now), Collector(connection), $"[grey]{Markup.Escape(connection.Address)}[/]"],
                width,
                "  "));
            if (connection is { Phase: ConnectionPhase.Reconnecting, LastError: { } error })
            {
                lines.Add($"[yellow]last error:[/] {Markup.Escape(Shorten(error))}");
            }
        }

        lines.AddRange(PhraseWrap.Wrap(Totals(state.Totals), width));
        lines.AddRange(PhraseWrap.Wrap([.. Sensors(state.Totals, settings), .. Attention(state, settings)], width));
        if (state.IsShowingLastKnownData && state.Rows.Count > 0)
        {
            var age = state.LastHeardAt is { } heard ? $", {ValueFormat.Duration(now - heard)} old" : "";
            var why = connection.Phase == ConnectionPhase.Connected ? "loading a new snapshot" : "collector unreachable";
            lines.AddRange(PhraseWrap.Wrap(
                ["[black on yellow] LAST KNOWN DATA [/]", $"[yellow]{why}{age};[/]", "[yellow]values below may be out of date[/]"], width, " "));
        }

        return lines;
    }

    /// <summary>One collector of several: its address, whether it is reachable (or why not), which process, its own rate.</summary>
    private static List<string> CollectorLine(CollectorView view, DateTimeOffset now)
    {
        var connection = view.Connection;
        var phrases = new List<string> { $"  [grey]{Markup.Escape(connection.Address)}[/] {Status(connection, now)}", Collector(connection) };
        if (connection is { Phase: ConnectionPhase.Reconnecting, LastError: { } error })
        {
            phrases.Add(Markup.Escape(Shorten(error)));
            return phrases;
        }

        if (view.Totals is { } totals)
        {
            phrases.Add($"{ValueFormat.Rate(totals.ReadingsPerSecond)} readings/s");
            phrases.Add($"{totals.SensorsConnected} uploading");
        }

        return phrases;
    }

    private static string Shorten(string error) => error.Length > MaxErrorLength ? error[..MaxErrorLength] + "…" : error;

    private static string Status(ConnectionState connection, DateTimeOffset now) => connection.Phase switch
    {
        ConnectionPhase.Connected when connection.SnapshotReceived => "[green]● connected[/]",
        ConnectionPhase.Connected => "[green]● connected[/] [grey](loading snapshot)[/]",
        ConnectionPhase.Reconnecting => $"[bold yellow]⟳ reconnecting[/] attempt {connection.FailedAttempts + 1} {NextAttempt(connection, now)}",
        _ => "[yellow]… connecting[/]",
    };

    private static string NextAttempt(ConnectionState connection, DateTimeOffset now) =>
        connection.NextAttemptAt is { } at && at > now ? $"in {ValueFormat.Duration(at - now)}" : "now";

    private static string Collector(ConnectionState connection) =>
        connection.Collector is { } collector
            ? $"collector [bold]{Markup.Escape(collector.InstanceId)}[/] {Markup.Escape(Version(collector.Version))}".TrimEnd()
            : "";

    private static string Plural(uint count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Version(string version) => version.Length == 0 ? "" : "v" + version;

    private static IReadOnlyList<string> Totals(CollectorTotals? totals) =>
        totals is null
            ? ["[grey]ingest: no statistics yet[/]"]
            :
            [
                $"ingest [bold]{ValueFormat.Rate(totals.ReadingsPerSecond)}[/] readings/s",
                $"committed {ValueFormat.Count(totals.ReadingsCommitted)}",
                $"duplicates {ValueFormat.Count(totals.DuplicateBatches)}",
                Alert("rejects", totals.RejectedBatches),
                Alert("losses", totals.LostBatches),
                $"late {ValueFormat.Count(totals.LateReadings)}",
            ];

    private static string Alert(string label, ulong count) =>
        count > 0 ? $"[red]{label} {ValueFormat.Count(count)}[/]" : $"{label} 0";

    /// <summary>
    /// How many of the sensors shown have a configuration pending or rejected, are paused, or had batches rejected;
    /// empty when none.
    /// </summary>
    private static IEnumerable<string> Attention(DashboardState state, ViewSettings settings)
    {
        int pending = 0, rejected = 0, paused = 0, rejecting = 0;
        foreach (var row in state.Rows.Values.Where(settings.Filter.Matches))
        {
            var latest = row.Latest;
            switch (ConfigMarker.Effective(latest.DesiredConfigVersion, latest.ReportedConfigVersion, latest.ConfigState))
            {
                case ConfigState.Pending:
                    pending++;
                    break;
                case ConfigState.Rejected:
                    rejected++;
                    break;
            }

            paused += latest.Paused ? 1 : 0;
            rejecting += latest.RejectedBatches > 0 ? 1 : 0;
        }

        return
        [
            pending > 0 ? $"[yellow]config {pending} pending[/]" : "",
            rejected > 0 ? $"[red]config {rejected} rejected[/]" : "",
            paused > 0 ? $"[blue]{paused} paused[/]" : "",
            rejecting > 0 ? $"[red]{rejecting} with rejected batches[/]" : "",
        ];
    }

    /// <summary>The sensor counts, and the view's window (the one asked for, else the one the collector says is in effect) and sort.</summary>
    private static string[] Sensors(CollectorTotals? totals, ViewSettings settings)
    {
        var window = (settings.Window ?? totals?.Window) is { } size ? ValueFormat.Window(size) : "default";
        string[] view = [$"window {window}", $"sort {settings.Sort.ToString().ToLowerInvariant()}"];
        if (totals is null)
        {
            return view;
        }

        var stale = totals.SensorsStale > 0 ? $"[yellow]{totals.SensorsStale} stale[/]" : "0 stale";
        var offline = totals.SensorsOffline > 0 ? $"[red]{totals.SensorsOffline} offline[/]" : "0 offline";
        return
        [
            $"sensors [green]{totals.SensorsLive} live[/]", stale, offline,
            $"{totals.SensorsConnected} uploading", Plural(totals.Subscribers, "subscriber"), .. view,
        ];
    }
}
