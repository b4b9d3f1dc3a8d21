using Ingest.Dashboard.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// The operator's panel: per collector, storage health, commit latency p99, commit queue depth, refused calls by
/// reason, chaos injections by kind, connected sensors (uploading and on a control stream), memory and GC. One entry
/// per collector (named by its process when there are several), wrapped between phrases to the width.
/// </summary>
internal static class CollectorPanel
{
    /// <summary>Width the panel's border and padding take.</summary>
    public const int Chrome = 4;

    /// <summary>The most reasons or kinds spelled out; the rest are counted in the total.</summary>
    public const int MaxDetails = 3;

    /// <summary>The panel's lines (markup), inside its border; empty when no collector has sent its figures.</summary>
    public static IReadOnlyList<string> Lines(DashboardState state, int width)
    {
        ArgumentNullException.ThrowIfNull(state);
        var collectors = state.Collectors.Length > 1
            ? state.Collectors.Select(view => (Name: Name(view.Connection), view.Totals)).ToArray()
            : [(Name: "", state.Totals)];
        if (!collectors.Any(collector => collector.Totals?.Operations is not null))
        {
            return [];
        }

        var inner = Math.Max(1, width - Chrome);
        var lines = new List<string>();
        foreach (var (name, totals) in collectors)
        {
            var phrases = totals?.Operations is { } operations
                ? Phrases(operations, totals.SensorsConnected)
                : ["[grey]no figures from this collector[/]"];
            lines.AddRange(PhraseWrap.Wrap(name.Length > 0 ? [$"[bold]{Markup.Escape(name)}[/]", .. phrases] : phrases, inner, " · ", "  "));
        }

        return lines;
    }

    /// <summary>The panel around <paramref name="lines"/>.</summary>
    public static IRenderable Render(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new Panel(new Rows(lines.Select(line => new Markup(line))))
        {
            Header = new PanelHeader("[bold]collector[/]"),
            Border = BoxBorder.Rounded,
            Expand = true,
        };
    }

    /// <summary>One collector's figures, as phrases.</summary>
    public static IReadOnlyList<string> Phrases(CollectorOperations operations, uint uploading)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var refused = operations.RefusedTotal;
        var chaos = operations.ChaosTotal;
        var p99 = operations.CommitLatencyP99 is { } latency ? ValueFormat.Latency(latency) : "-";
        return
        [
            operations.StorageServing switch
            {
                true => "[green]● storage serving[/]",
                false => $"[bold red]✖ storage not serving[/]{Reason(operations.StorageReason)}",
                null => "[grey]storage ?[/]",
            },
            $"commit p99 {p99} [grey]({ValueFormat.Window(operations.CommitLatencySpan)})[/]",
            operations.CommitQueueDepth > 0 ? $"[yellow]queue {operations.CommitQueueDepth}[/]" : "queue 0",
            refused > 0 ? $"[yellow]refused {ValueFormat.Count(refused)}[/]{Details(operations.RefusedCalls)}" : "refused 0",
            !operations.ChaosEnabled ? "[grey]chaos off[/]"
                : chaos > 0 ? $"[magenta]chaos {ValueFormat.Count(chaos)}[/]{Details(operations.ChaosInjections)}"
                : "[magenta]chaos on[/] 0",
            $"sensors {uploading} uploading, {operations.ControlStreams} on control",
            $"memory {ValueFormat.Bytes(operations.WorkingSetBytes)}",
            $"GC {operations.Gen0Collections}/{operations.Gen1Collections}/{operations.Gen2Collections} " +
            $"pause {ValueFormat.Latency(operations.GcPauseTotal)}",
        ];
    }

    private static string Reason(string reason) =>
        reason.Length == 0 ? "" : $" [red]{Markup.Escape(reason.Length > HeaderView.MaxErrorLength ? reason[..HeaderView.MaxErrorLength] + "…" : reason)}[/]";

    /// <summary>The largest counts by name: <c> (sensor_rate 12, unauthenticated 3, +2)</c>.</summary>
    private static string Details(IReadOnlyList<KeyValuePair<string, ulong>> counts)
    {
        var shown = counts.Where(pair => pair.Value > 0).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToArray();
        var named = shown.Take(MaxDetails).Select(pair => $"{Markup.Escape(pair.Key)} {ValueFormat.Count(pair.Value)}");
        var more = shown.Length > MaxDetails ? [$"+{shown.Length - MaxDetails}"] : Array.Empty<string>();
        return shown.Length == 0 ? "" : $" [grey]({string.Join(", ", named.Concat(more))})[/]";
    }

    private static string Name(ConnectionState connection) =>
        connection.Collector is { InstanceId.Length: > 0 } collector ? collector.InstanceId : connection.Address;
}
