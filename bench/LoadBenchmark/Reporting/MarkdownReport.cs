using System.Globalization;
using System.Text;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Scale;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>results.md: the runs as a table (the median round of each ceiling and full run, with every round's readings/s), the ratios, the half-load line, the scale run, what makes runs unusable, and the targets.</summary>
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
        Line(text, $"Collector storage: {machine.StorageDirectory} ({machine.StorageFileSystem}).");
        if (report.Runs.Count > 0)
        {
            Throughput(text, report);
        }

        if (report.Scale is { } scale)
        {
            ScaleRun(text, scale);
        }

        Problems(text, report);

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

    private static void Throughput(StringBuilder text, BenchmarkReport report)
    {
        var o = report.Options;
        Line(text);
        Line(text, $"{o.Sensors} sensors, {o.Seconds:0.#} s measured after a {o.WarmUpSeconds:0.#} s warm-up, {o.WindowBatches} batches per stream; a fresh collector on fresh storage per run.");
        Line(text);
        Line(text, "## Throughput");
        Line(text);
        var groups = RunRounds.Of(report.Runs);
        RunTable(text, groups);
        Line(text);
        var rounds = groups.Where(g => g.Pattern != LoadPattern.Naive).Select(g => g.Rounds.Count).DefaultIfEmpty(1).Max();
        if (rounds > 1)
        {
            Line(text,
                $"Each ceiling and full row is the median round of {rounds} by readings/s (the lower middle for an even number), a real run, so every figure in the row comes from that one round; " +
                "the rounds were made interleaved per batch size, ceiling and full going first in turn (ceiling, full, full, ceiling, …), each on a fresh collector, and ratios and targets use the median rounds. " +
                "A problem in any round makes its row \"not measured\" for ratios and targets. The naive run is made once: its target (200×) is far from the line.");
            Line(text);
        }

        Line(text,
            "Readings/s and batches/s count acknowledgements that arrived in the measured interval (durably stored for naive and full; parsed and discarded for ceiling). " +
            "Ack latency is per batch, from its write to the ack that covers it (a stream's first batch waits for the rest of the stream), per call for naive; " +
            "completion → ack is per stream, from completing it to its ack. Latencies within 1 %. CPU over the measured interval; % of one core.");

        if (report.Ratios.Count > 0)
        {
            Line(text);
            Line(text, "## Ratios");
            Line(text);
            Line(text, "| batch | full / ceiling | full / naive |");
            Line(text, "|---:|---:|---:|");
            foreach (var ratio in report.Ratios)
            {
                var overCeiling = ratio.FullOverCeilingProblem is { } cp ? $"not measured ({cp})" : ratio.FullOverCeiling is { } c ? c.ToString("P0", CultureInfo.InvariantCulture) : "-";
                var overNaive = ratio.FullOverNaiveProblem is { } np ? $"not measured ({np})" : ratio.FullOverNaive is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) + "×" : "-";
                Line(text, $"| {ratio.BatchSize:N0} | {overCeiling} | {overNaive} |");
            }
        }

        var halfLoads = report.Runs.Where(r => r.RateLimitReadingsPerSecond is not null).ToList();
        if (halfLoads.Count > 0)
        {
            Line(text);
            Line(text, "## Half load");
        }

        foreach (var halfLoad in halfLoads)
        {
            Line(text);
            Line(text,
                $"full on {halfLoad.Setup.Label}, {halfLoad.BatchSize:N0}-reading batches, {halfLoad.WindowBatches} batches per stream (--half-load-window-batches), " +
                $"limited to {halfLoad.RateLimitReadingsPerSecond:N0} readings/s ({halfLoad.RateLimitBasis ?? "half the peak"}): " +
                (halfLoad.Failure is not null
                    ? $"FAILED: {halfLoad.Failure}."
                    : $"{halfLoad.ReadingsPerSecond:N0} readings/s acked, ack p50 / p95 / p99 per batch (write → ack) {Percentiles(halfLoad.Latency)} ms, " +
                      $"completion → ack p50 / p99 {Ms(halfLoad.CompletionToAck.P50Ms)} / {Ms(halfLoad.CompletionToAck.P99Ms)} ms, " +
                      $"collector CPU {halfLoad.Process.CollectorCpuSeconds:N1} s ({halfLoad.Process.CollectorCpuPercentOfCore:N0} %)" +
                      (halfLoad.Process.DatabaseServerCpuSeconds is { } server ? $", PostgreSQL CPU {server:N1} s ({halfLoad.Process.DatabaseServerCpuPercentOfCore:N0} %)" : "") + $", errors: {Errors(halfLoad)}, storage: {Storage(halfLoad)}."));
        }
    }

    private static void ScaleRun(StringBuilder text, ScaleResult scale)
    {
        Line(text);
        Line(text, "## Scale run");
        Line(text);
        Line(text,
            $"{scale.Sensors:N0} sensors, each with its control stream open, 1 Hz sampling and a one-reading batch a second on Upload streams of {ScaleSensor.WindowBatches} batches; " +
            $"measured for {scale.Seconds:0} s from 10 s after the last one connected (connecting took {scale.ConnectSeconds:N1} s). " +
            $"Ack latency is per batch, from its write to its stream's ack: a stream's first batch waits about {ScaleSensor.WindowBatches - 1} s for the rest, " +
            "which is what a sensor with these settings sees; the target does not judge it.");
        Line(text);
        Line(text, "| connected (start / end) | readings/s acked | ack p50 / p95 / p99 ms per batch | completion → ack p50 / p99 ms | collector CPU s (% of a core) | collector RSS peak / end MiB | client CPU s | errors | control streams ended |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        var errors = ErrorText.Parts(scale.Errors, scale.DuplicateBatches, scale.RejectedBatches, 0).ToList();
        if (scale.Failure is not null)
        {
            errors.Add(scale.Failure);
        }

        Line(text,
            $"| {scale.ConnectedAtStart:N0} / {scale.ConnectedAtEnd:N0} | {scale.ReadingsPerSecond:N0} | {Percentiles(scale.Latency)} | " +
            $"{Ms(scale.CompletionToAck.P50Ms)} / {Ms(scale.CompletionToAck.P99Ms)} | {scale.Process.CollectorCpuSeconds:N1} ({scale.Process.CollectorCpuPercentOfCore:N0} %) | " +
            $"{scale.Process.CollectorPeakRssBytes / MiB:N0} / {scale.Process.CollectorEndRssBytes / MiB:N0} | {scale.Process.ClientCpuSeconds:N1} | {Bold(errors)} | {scale.ControlStreamsEnded:N0} |");
        LogTail(text, "scale", scale.CollectorLogTail);
    }

    private static void RunTable(StringBuilder text, IReadOnlyList<RunRounds> groups)
    {
        var showRounds = groups.Any(g => g.Rounds.Count > 1);
        var roundsHeader = showRounds ? " rounds (readings/s) |" : "";
        var roundsAlign = showRounds ? "---|" : "";
        Line(text, $"| pattern | store | batch | readings/s acked |{roundsHeader} batches/s | ack p50 ms | ack p95 ms | ack p99 ms | completion → ack p50 / p99 ms | collector CPU s (% of a core) | PostgreSQL CPU s (% of a core) | collector peak RSS MiB | client CPU s | errors | storage |");
        Line(text, $"|---|---|---:|---:|{roundsAlign}---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var group in groups)
        {
            var run = group.Median;
            var batch = run.BatchSize is { } size ? size.ToString("N0", CultureInfo.InvariantCulture) : "n/a (1 per call)";
            var rounds = showRounds ? $" {RoundFigures(group)} |" : "";
            if (run.Failure is not null && run.ReadingsAcked == 0)
            {
                Line(text, $"| {Name(run.Pattern)} | {Store(run)} | {batch} | FAILED: {run.Failure} |{rounds} | | | | | | | | | | |");
                continue;
            }

            var completion = run.CompletionToAck.Samples == 0 ? "n/a" : $"{Ms(run.CompletionToAck.P50Ms)} / {Ms(run.CompletionToAck.P99Ms)}";
            Line(text,
                $"| {Name(run.Pattern)} | {Store(run)} | {batch} | {run.ReadingsPerSecond:N0} |{rounds} {run.BatchesPerSecond:N0} | {Ms(run.Latency.P50Ms)} | {Ms(run.Latency.P95Ms)} | {Ms(run.Latency.P99Ms)} | {completion} | " +
                $"{run.Process.CollectorCpuSeconds:N1} ({run.Process.CollectorCpuPercentOfCore:N0} %) | {DatabaseServerCpu(run.Process)} | {run.Process.CollectorPeakRssBytes / MiB:N0} | {run.Process.ClientCpuSeconds:N1} | {Errors(run)} | {Storage(run)} |");
        }
    }

    /// <summary>Every round's readings/s in run order, e.g. <c>55.1 M, 58.3 M, 47.2 M</c>; a round with a problem in bold, marked not usable.</summary>
    private static string RoundFigures(RunRounds group) => string.Join(", ", group.Rounds.Select(round => round.Problem is null
        ? Compact(round.ReadingsPerSecond)
        : $"**{Compact(round.ReadingsPerSecond)} (r{round.Round} not usable)**"));

    private static string Compact(double readingsPerSecond) => readingsPerSecond switch
    {
        >= 1_000_000 => (readingsPerSecond / 1_000_000).ToString("N1", CultureInfo.InvariantCulture) + " M",
        >= 1_000 => (readingsPerSecond / 1_000).ToString("N1", CultureInfo.InvariantCulture) + " k",
        _ => readingsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
    };

    /// <summary>The runs that cannot support a verdict, why, the storage warnings, and the log tails of collectors that exited.</summary>
    private static void Problems(StringBuilder text, BenchmarkReport report)
    {
        var problems = report.ThroughputProblems.Concat(report.ScaleProblems).ToList();
        var warnings = report.Runs.Where(r => r.Storage?.Warning is not null).Select(r => $"{r.Name}: {r.Storage!.Warning}").ToList();
        if (problems.Count == 0 && warnings.Count == 0 && report.Runs.All(r => r.CollectorLogTail.Count == 0))
        {
            return;
        }

        Line(text);
        Line(text, "## Problems");
        foreach (var problem in problems)
        {
            Line(text);
            Line(text, $"**NOT USABLE for a verdict — {problem}.**");
        }

        foreach (var warning in warnings)
        {
            Line(text);
            Line(text, $"Warning, {warning}: allowed by the protocol, not a failure.");
        }

        foreach (var run in report.Runs)
        {
            LogTail(text, run.Name, run.CollectorLogTail);
        }
    }

    private static void LogTail(StringBuilder text, string name, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        Line(text);
        Line(text, $"The end of {name}'s collector log:");
        Line(text);
        Line(text, "```");
        foreach (var line in lines)
        {
            Line(text, line.Replace("```", "'''", StringComparison.Ordinal));
        }

        Line(text, "```");
    }

    private static string Errors(RunResult run)
    {
        var parts = run.ErrorParts.ToList();
        if (run.Failure is not null)
        {
            parts.Add(run.Failure);
        }

        return Bold(parts);
    }

    private static string Bold(List<string> parts) => parts.Count == 0 ? "none" : "**" + string.Join(", ", parts) + "**";

    private static string Storage(RunResult run) => run.Storage switch
    {
        null => "n/a",
        { Passed: true, Warning: null } => "ok",
        { Passed: true } => "ok (warning below)",
        { } verdict => $"**MISMATCH: {verdict.Detail}**",
    };

    private static string Name(LoadPattern pattern) => pattern.ToString().ToLowerInvariant();

    /// <summary>Where the run's readings went: <c>SQLite</c>, <c>PostgreSQL, 2 collectors</c>, or nowhere for the ceiling.</summary>
    private static string Store(RunResult run) => run.Pattern == LoadPattern.Ceiling ? "none (discarded)" : run.Setup.Label;

    private static string DatabaseServerCpu(ProcessFigures process) =>
        process.DatabaseServerCpuSeconds is { } seconds ? $"{seconds:N1} ({process.DatabaseServerCpuPercentOfCore:N0} %)" : "n/a";

    private static string Percentiles(LatencySummary latency) => $"{Ms(latency.P50Ms)} / {Ms(latency.P95Ms)} / {Ms(latency.P99Ms)}";

    private static string Ms(double? milliseconds) => milliseconds is { } value ? value.ToString(value < 10 ? "N2" : "N1", CultureInfo.InvariantCulture) : "-";

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
