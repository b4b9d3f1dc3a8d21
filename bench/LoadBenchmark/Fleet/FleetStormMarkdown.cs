using System.Text;
using static Ingest.LoadBenchmark.Fleet.FleetMarkdown;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>fleet.md's reconnect-storm section (<c>--fleet-restart</c>): a row per fleet size that restarted its collector, and how it was measured.</summary>
internal static class FleetStormMarkdown
{
    /// <summary>The section; empty when no size restarted its collector.</summary>
    public static string Build(IEnumerable<FleetResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var storms = results.Where(r => r.Storm is not null).ToList();
        if (storms.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        Line(text, "## Reconnect storm after a collector restart");
        Line(text);
        Line(text, "After the window, with the sensors running, the collector was restarted as `systemctl restart` does: SIGTERM, wait for its exit, then the same " +
            "program on the same port and storage with the same arguments. The sensors were told nothing: they saw their streams end and came back by themselves " +
            $"(jittered backoff, `retry-after-ms` hints honoured). Times after listening count from the new collector saying it listens; the run watched for at most {FleetStormResult.Wait.TotalSeconds:0} s. " +
            "Welcomed: a control stream welcomed by the new collector; acked: an upload acknowledged by it. Errors are the generators' failed calls from just before the SIGTERM " +
            $"to the end of the watch; refusals the new collector's `{FleetRestartStorm.RefusedMetric}` by reason; RSS (peak) and CPU are the new collector's, CPU from listening to the end of the watch.");
        Line(text);
        Line(text, "| sensors | TLS | stop time | SIGTERM → listening | listening → all welcomed | → all acked | back at 10 / 30 / 60 s (welcomed) | errors by status | refusals by reason | peak RSS | CPU | back within 60 s |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in storms)
        {
            var s = r.Storm!;
            if (s.Failure is not null)
            {
                Line(text, $"| {r.Sensors:N0} | {(r.Tls ? "yes" : "no")} | {s.StopSeconds:N1} s | not measured: {s.Failure} | | | | {Counts(s.Errors)} | | | | no |");
                continue;
            }

            Line(text,
                $"| {r.Sensors:N0} | {(r.Tls ? "yes" : "no")} | {s.StopSeconds:N1} s | {s.ListeningSeconds:N1} s | {Back(s.AllWelcomedSeconds, s.Welcomed, s)} | {Back(s.AllAckedSeconds, s.Acked, s)} | " +
                $"{s.WelcomedBy10s:N0} / {s.WelcomedBy30s:N0} / {s.WelcomedBy60s:N0} | {Counts(s.Errors)} | {(s.Refusals is null ? "n/a" : Counts(s.Refusals))} | " +
                $"{s.PeakRssBytes / MiB:N0} MiB | {s.CpuPercentOfCore:N0} % | {(s.BackWithinGoal ? "yes" : "**no**")} |");
        }

        foreach (var r in storms)
        {
            var s = r.Storm!;
            Line(text);
            Line(text, $"- {r.Sensors:N0} sensors{(r.Tls ? " over TLS" : "")}: back within {FleetStormResult.Goal.TotalSeconds:0} s: {(s.BackWithinGoal ? "yes" : "no")}; " +
                $"acknowledged again at 10 / 30 / 60 s: {s.AckedBy10s:N0} / {s.AckedBy30s:N0} / {s.AckedBy60s:N0}; watched {s.ObservedSeconds:N1} s, " +
                $"in which {s.Welcomed:N0} were welcomed and {s.Acked:N0} acknowledged again");
        }

        return text.ToString();
    }

    private static string Back(double? seconds, long back, FleetStormResult storm) =>
        seconds is { } s ? $"{s:N1} s" : $"not all in {storm.ObservedSeconds:N0} s ({back:N0} of {storm.Sensors:N0})";
}
