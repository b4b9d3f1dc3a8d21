using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Scale;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// Runs what the settings ask for: the naive run, a ceiling and a full run per batch size, the half-load
/// run; or only the scale run. Then writes the report (keeping the other kind of run from an earlier
/// report in the same directory) and prints the markdown.
/// </summary>
internal sealed class BenchmarkRunner(TextWriter output, TextWriter progress, TimeProvider time)
{
    public async Task<int> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var files = new ResultsFiles(settings.OutputDirectory);
        Directory.CreateDirectory(files.LogDirectory);
        var existing = files.ReadExisting();
        var report = new BenchmarkReport
        {
            StartedAt = time.GetUtcNow(),
            Machine = MachineInfo.Current(),
            Options = existing?.Options ?? ReportedOptions.From(settings),
            Runs = existing?.Runs ?? [],
            Scale = existing?.Scale,
            ScaleOptions = existing?.ScaleOptions,
        };

        if (settings.Scale)
        {
            var scale = await new ScaleRun(settings, files.LogDirectory, progress, time).RunAsync(cancellationToken);
            report = report with { Scale = scale, ScaleOptions = ReportedOptions.From(settings) };
        }
        else
        {
            var runs = await RunThroughputAsync(settings, files.LogDirectory, cancellationToken);
            report = report with { Options = ReportedOptions.From(settings), Runs = runs };
        }

        var markdown = files.Write(report.Judged());
        await output.WriteAsync(markdown);
        await progress.WriteLineAsync($"bench: wrote {files.MarkdownPath}, {files.JsonPath}" + (report.Runs.Count > 0 ? $", {files.ChartPath}" : "") + $"; collector logs in {files.LogDirectory}");
        if (!report.Passed)
        {
            await progress.WriteLineAsync("bench: FAILED: a storage check found stored readings that differ from the acknowledged ones, or a run could not be done (see the report)");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private async Task<IReadOnlyList<RunResult>> RunThroughputAsync(BenchmarkSettings settings, string logDirectory, CancellationToken cancellationToken)
    {
        var run = new ThroughputRun(settings, logDirectory, progress, time);
        var runs = new List<RunResult>();
        if (settings.Patterns.Contains(LoadPattern.Naive))
        {
            runs.Add(await run.RunAsync("naive", new DriveSpec(LoadPattern.Naive, settings.Sensors, new BatchTemplate(1), 1), null, cancellationToken));
        }

        foreach (var size in settings.BatchSizes)
        {
            var template = new BatchTemplate(size);
            foreach (var pattern in new[] { LoadPattern.Ceiling, LoadPattern.Full }.Where(settings.Patterns.Contains))
            {
                var spec = new DriveSpec(pattern, settings.Sensors, template, settings.WindowBatches);
                runs.Add(await run.RunAsync($"{pattern.ToString().ToLowerInvariant()}-{size}", spec, null, cancellationToken));
            }
        }

        if (settings.HalfLoad && HalfLoadPlan.From(runs, settings.Sensors) is { } plan)
        {
            var spec = new DriveSpec(LoadPattern.Full, settings.Sensors, new BatchTemplate(plan.BatchSize), settings.WindowBatches, plan.BatchInterval);
            runs.Add(await run.RunAsync($"half-load-{plan.BatchSize}", spec, plan.ReadingsPerSecond, cancellationToken));
        }

        return runs;
    }
}
