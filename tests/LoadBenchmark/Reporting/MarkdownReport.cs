using System.Globalization;
using System.Text;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>results.md: the runs as a table, the ratios, the half-load line, the targets, and the scale run.</summary>
internal static class MarkdownReport
{
    private const double MiB = 1024 * 1024;

    public static string Build(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var machine = report.Machine;
        Line(text, "# Ingest load benchmark");
        Line(text);
        Line(text, $"{machine.ProcessorCount} cores ({machine.CpuModel}), {machine.OperatingSystem}, {machine.DotNet}; collector and sensors on the same machine. Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC.");
        var throughputRuns = report.Runs.Where(r => r.RateLimitReadingsPerSecond is null).ToList();
        if (report.Runs.Count > 0)
        {
            var o = report.Options;
            Line(text);
            Line(text, $"{o.Sensors} sensors, {o.Seconds:0.#} s measured after a {o.WarmUpSeconds:0.#} s warm-up, {o.WindowBatches} batches per stream; a fresh collector on fresh storage per run.");
            Line(text);
            Line(text, "## Throughput");
            Line(text);
            RunTable(text, throughputRuns);
            Line(text);
            Line(text, "Readings/s and batches/s count acknowledgements that arrived in the measured interval (durably stored for naive and full; parsed and discarded for ceiling). Latency: full and ceiling from completing a stream to its ack, naive per call. CPU over the measured interval; % of one core.");
            MismatchLines(text, report.Runs);

            if (report.Ratios.Count > 0)
            {
                Line(text);
                Line(text, "## Ratios");
                Line(text);
                Line(text, "| batch | full / ceiling | full / naive |");
                Line(text, "|---:|---:|---:|");
                foreach (var ratio in report.Ratios)
                {
                    Line(text, $"| {ratio.BatchSize:N0} | {(ratio.FullOverCeiling is { } c ? c.ToString("P0", CultureInfo.InvariantCulture) : "-")} | {(ratio.FullOverNaive is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) + "×" : "-")} |");
                }
            }

            var halfLoad = report.Runs.FirstOrDefault(r => r.RateLimitReadingsPerSecond is not null);
            if (halfLoad is not null)
            {
                Line(text);
                Line(text, "## Half load");
                Line(text);
                Line(text, $"full, {halfLoad.BatchSize:N0}-reading batches, limited to {halfLoad.RateLimitReadingsPerSecond:N0} readings/s (half the peak): {halfLoad.ReadingsPerSecond:N0} readings/s acked, ack p50 / p95 / p99 {Ms(halfLoad.Latency.P50Ms)} / {Ms(halfLoad.Latency.P95Ms)} / {Ms(halfLoad.Latency.P99Ms)} ms, collector CPU {halfLoad.CollectorCpuSeconds:N1} s ({halfLoad.CollectorCpuPercentOfCore:N0} %), errors: {Errors(halfLoad)}, storage: {Storage(halfLoad)}.");
            }
        }

        if (report.Scale is { } scale)
        {
            Line(text);
            Line(text, "## Scale run");
            Line(text);
            Line(text, $"{scale.Sensors:N0} sensors, each with its control stream open, 1 Hz sampling and a one-reading batch a second on Upload streams of 5 batches; measured for {scale.Seconds:0} s from 10 s after the last one connected (connecting took {scale.ConnectSeconds:N1} s).");
            Line(text);
            Line(text, "| connected (start / end) | readings/s acked | ack p50 / p95 / p99 ms | collector CPU s (% of a core) | collector RSS peak / end MiB | client CPU s | errors | control streams ended |");
            Line(text, "|---:|---:|---:|---:|---:|---:|---|---:|");
            Line(text, $"| {scale.ConnectedAtStart:N0} / {scale.ConnectedAtEnd:N0} | {scale.ReadingsPerSecond:N0} | {Ms(scale.Latency.P50Ms)} / {Ms(scale.Latency.P95Ms)} / {Ms(scale.Latency.P99Ms)} | {scale.CollectorCpuSeconds:N1} ({scale.CollectorCpuPercentOfCore:N0} %) | {scale.CollectorPeakRssBytes / MiB:N0} / {scale.CollectorEndRssBytes / MiB:N0} | {scale.ClientCpuSeconds:N1} | {ErrorList(scale.Errors, scale.DuplicateBatches, scale.RejectedBatches, scale.Failure)} | {scale.ControlStreamsEnded:N0} |");
        }

        Line(text);
        Line(text, "## Targets");
        Line(text);
        Line(text, "| target | measured | verdict |");
        Line(text, "|---|---|---|");
        foreach (var target in report.Targets)
        {
            Line(text, $"| {target.Target} | {target.Measured} | {target.Verdict} |");
        }

        return text.ToString();
    }

    private static void RunTable(StringBuilder text, IReadOnlyList<RunResult> runs)
    {
        Line(text, "| pattern | batch | readings/s acked | batches/s | ack p50 ms | ack p95 ms | ack p99 ms | collector CPU s (% of a core) | collector peak RSS MiB | client CPU s | errors | storage |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var run in runs.OrderBy(r => r.Pattern).ThenBy(r => r.BatchSize))
        {
            var batch = run.BatchSize is { } size ? size.ToString("N0", CultureInfo.InvariantCulture) : "n/a (1 per call)";
            if (run.Failure is not null)
            {
                Line(text, $"| {Name(run.Pattern)} | {batch} | FAILED: {run.Failure} | | | | | | | | | |");
                continue;
            }

            Line(text, $"| {Name(run.Pattern)} | {batch} | {run.ReadingsPerSecond:N0} | {run.BatchesPerSecond:N0} | {Ms(run.Latency.P50Ms)} | {Ms(run.Latency.P95Ms)} | {Ms(run.Latency.P99Ms)} | {run.CollectorCpuSeconds:N1} ({run.CollectorCpuPercentOfCore:N0} %) | {run.CollectorPeakRssBytes / MiB:N0} | {run.ClientCpuSeconds:N1} | {Errors(run)} | {Storage(run)} |");
        }
    }

    private static void MismatchLines(StringBuilder text, IReadOnlyList<RunResult> runs)
    {
        foreach (var run in runs.Where(r => r.StorageMismatch))
        {
            Line(text);
            Line(text, $"**STORAGE CHECK FAILED for {run.Name}: {run.Storage!.Detail}.**");
        }
    }

    private static string Errors(RunResult run) => ErrorList(run.Errors, run.DuplicateBatches, run.RejectedBatches, run.Failure);

    private static string ErrorList(IReadOnlyDictionary<string, long> errors, long duplicates, long rejected, string? failure)
    {
        var parts = errors.Select(e => $"{e.Key} ×{e.Value:N0}").ToList();
        if (duplicates > 0)
        {
            parts.Add($"duplicate batches ×{duplicates:N0}");
        }

        if (rejected > 0)
        {
            parts.Add($"rejected batches ×{rejected:N0}");
        }

        if (failure is not null)
        {
            parts.Add(failure);
        }

        return parts.Count == 0 ? "none" : "**" + string.Join(", ", parts) + "**";
    }

    private static string Storage(RunResult run) => run.Storage switch
    {
        null => "n/a",
        { Passed: true } => "ok",
        { } verdict => $"**MISMATCH: {verdict.Detail}**",
    };

    private static string Name(LoadPattern pattern) => pattern.ToString().ToLowerInvariant();

    private static string Ms(double? milliseconds) => milliseconds is { } value ? value.ToString(value < 10 ? "N2" : "N1", CultureInfo.InvariantCulture) : "-";

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
