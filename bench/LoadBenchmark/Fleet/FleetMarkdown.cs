using System.Globalization;
using System.Text;
using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>fleet.md: the fleet table (one row per size), how it was measured, the reconnect storms (<see cref="FleetStormMarkdown"/>), and each size's errors and storage check.</summary>
internal static class FleetMarkdown
{
    internal const double MiB = 1024 * 1024;

    public static string Build(FleetReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, "# Fleet benchmark: every sensor on its own connection");
        Line(text);
        Line(text, $"{report.StartedAt:yyyy-MM-dd HH:mm} UTC; {report.Machine.ProcessorCount} cores ({report.Machine.CpuModel}), {report.Machine.DotNet}, storage on {report.Machine.StorageFileSystem}. " +
            $"Each sensor has its own HTTP/2 connection (its own GrpcChannel), greets, keeps a `Control.Connect` stream open (acknowledging configs, heartbeats) " +
            $"and sends a one-reading batch a second on Upload streams of {FleetSensor.WindowBatches} batches; connections open {report.ConnectPerSecond:N0} a second in all, " +
            $"from generator processes of at most {report.SensorsPerWorker:N0} sensors, run at nice {FleetWorkerProcess.Niceness} so that the collector has the cores first. Measured for {report.Seconds:0} s from {FleetRun.Settle.TotalSeconds:0} s after all connected. " +
            "The machine is shared: the load average is given per row.");
        if (report.CollectorArguments.Count > 0 || report.CollectorEnvironment.Count > 0)
        {
            Line(text);
            Line(text, "Collector started with: " + string.Join(' ', report.CollectorEnvironment.Select(e => $"{e.Key}={e.Value}").Concat(report.CollectorArguments).Select(a => $"`{a}`")));
        }

        Line(text);
        Line(text, "| sensors | TLS | connected | connect time | in window (min–end) | collector RSS peak / steady | RSS a sensor | collector CPU (per 1,000) | generator CPU | GC pause | alloc / batch | errors (window) | stored = acked | load avg |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in report.Results)
        {
            var connect = r.ConnectSeconds is { } s ? $"{s:N1} s" : $"not all in {r.ConnectPhaseSeconds:N0} s";
            var storage = r.Storage is null ? "not checked" : r.Storage.Passed ? "yes" : "**no**";
            Line(text,
                $"| {r.Sensors:N0} | {(r.Tls ? "yes" : "no")} | {r.Connected:N0} | {connect} | {r.MinConnectedInWindow:N0}–{r.ConnectedAtEnd:N0} | " +
                $"{r.CollectorPeakRssBytes / MiB:N0} / {r.CollectorSteadyRssBytes / MiB:N0} MiB | {r.RssPerSensorBytes / 1024.0:N0} KiB | " +
                $"{r.CollectorCpuPercentOfCore:N0} % ({r.CollectorCpuPercentPer1000:N1} %) | {r.GeneratorCpuPercentOfCore:N0} % | " +
                $"{(r.GcPauseShare is { } pause ? $"{pause * 100:N1} %" : "n/a")} | {(r.AllocatedBytesPerBatch is { } bytes ? $"{bytes / 1024:N1} KiB" : "n/a")} | " +
                $"{Counts(r.Errors)} ({Counts(r.WindowErrors)}) | {storage} | {r.LoadAverageAtStart} → {r.LoadAverageAtEnd} |");
        }

        Line(text);
        Line(text, "RSS a sensor is (steady − the idle collector's RSS) / sensors connected when the window began; CPU per 1,000 likewise. " +
            "GC pause is the share of the window the collector was paused for garbage collection, alloc / batch the bytes it allocated in the window per batch " +
            "acknowledged in it (control streams and heartbeats included), both from the runtime's `System.Runtime` counters on its Prometheus endpoint " +
            $"(`{CollectorRuntimeMetrics.GcPauseMetric}`, `{CollectorRuntimeMetrics.AllocatedMetric}`). Errors are failed calls by status over the whole run (in the window).");
        if (FleetStormMarkdown.Build(report.Results) is { Length: > 0 } storms)
        {
            Line(text);
            text.Append(storms);
        }

        foreach (var r in report.Results)
        {
            Line(text);
            Line(text, $"## {r.Sensors:N0} sensors{(r.Tls ? " over TLS" : "")}");
            Line(text);
            Line(text, $"- acknowledged in the window: {r.BatchesAcked:N0} batches ({r.BatchesAcked / Math.Max(1, r.Seconds):N0} a second), {r.ReadingsAcked:N0} readings; " +
                $"config updates applied {r.ConfigUpdatesApplied:N0}; control streams ended by the collector {r.ControlStreamsEnded:N0}; duplicates (resent after a lost ack) {r.DuplicateBatches:N0}; rejected {r.RejectedBatches:N0}");
            Line(text, $"- generator: {r.Workers} processes, {r.GeneratorRssBytes / MiB:N0} MiB RSS in all; collector idle RSS {r.CollectorIdleRssBytes / MiB:N0} MiB" +
                (r.Gen2Collections is { } gen2 ? $"; gen2 collections in the window: {gen2:N0}" : ""));
            Line(text, $"- errors by status over the run: {Counts(r.Errors)}; in the window: {Counts(r.WindowErrors)}");
            if (r.Storage is { } storage)
            {
                Line(text, $"- storage: {(storage.Passed ? "passed" : "FAILED")}: {storage.Detail}" + (storage.Warning is { } warning ? $" ({warning})" : ""));
            }

            if (r.Problem is { } problem)
            {
                Line(text, $"- **problem**: {problem}");
            }
        }

        return text.ToString();
    }

    /// <summary>Counts by name (errors by status, refusals by reason) as "Name 1,234, Other 5"; "0" when there are none.</summary>
    internal static string Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "0" : string.Join(", ", counts.Select(e => $"{e.Key} {e.Value.ToString("N0", CultureInfo.InvariantCulture)}"));

    internal static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
