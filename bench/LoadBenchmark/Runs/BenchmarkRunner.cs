using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Scale;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// Runs what the settings ask for: the naive run, a ceiling and a full run per batch size in
/// <see cref="BenchmarkSettings.Rounds"/> interleaved rounds, the half-load run (from the median full round); or only the scale run. Then writes the report (keeping the other kind of run from an earlier
/// report in the same directory) and prints the markdown. Fails (exit 1) when a run it made cannot
/// support a verdict: failed, had errors, acknowledged nothing, failed its storage check, or (half load)
/// fell short of its rate.
/// </summary>
internal sealed class BenchmarkRunner(TextWriter output, TextWriter progress, TimeProvider time)
{
    public async Task<int> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var files = new ResultsFiles(settings.OutputDirectory);
        Directory.CreateDirectory(files.LogDirectory);
        var storageRoot = Path.GetFullPath(settings.StorageRoot);
        var createdStorageRoot = !Directory.Exists(storageRoot);
        Directory.CreateDirectory(storageRoot);
        try
        {
            return await RunAndReportAsync(settings, files, storageRoot, cancellationToken);
        }
        finally
        {
            if (createdStorageRoot && Directory.Exists(storageRoot) && !Directory.EnumerateFileSystemEntries(storageRoot).Any())
            {
                Directory.Delete(storageRoot);
            }
        }
    }

    private async Task<int> RunAndReportAsync(BenchmarkSettings settings, ResultsFiles files, string storageRoot, CancellationToken cancellationToken)
    {
        var existing = files.ReadExisting();
        if (existing is not null && existing.FormatVersion != BenchmarkReport.CurrentFormatVersion)
        {
            // Its figures were measured differently (e.g. latency from stream completion): not shown beside new ones.
            await progress.WriteLineAsync($"bench: {files.JsonPath} is from another version of the benchmark; its runs are not kept");
            existing = null;
        }

        var report = new BenchmarkReport
        {
            FormatVersion = BenchmarkReport.CurrentFormatVersion,
            StartedAt = time.GetUtcNow(),
            Machine = MachineInfo.Current(storageRoot),
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
        var problems = settings.Scale ? report.ScaleProblems : report.ThroughputProblems;
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await progress.WriteLineAsync($"bench: FAILED: {problem}");
            }

            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private async Task<IReadOnlyList<RunResult>> RunThroughputAsync(BenchmarkSettings settings, string logDirectory, CancellationToken cancellationToken)
    {
        var run = new ThroughputRun(settings, logDirectory, progress, time);
        var runs = new List<RunResult>();
        BatchTemplate? template = null;
        foreach (var planned in ThroughputPlan.Of(settings))
        {
            DriveSpec spec;
            if (planned.BatchSize is { } size)
            {
                // Made once per batch size: the plan runs all of one size's rounds before the next size.
                template = template?.BatchSize == size ? template : new BatchTemplate(size);
                spec = new DriveSpec(planned.Pattern, settings.Sensors, template, settings.WindowBatches);
            }
            else
            {
                spec = new DriveSpec(LoadPattern.Naive, settings.Sensors, new BatchTemplate(1), 1);
            }

            var result = await run.RunAsync(planned.Name, spec, limit: null, cancellationToken);
            runs.Add(result with { Round = planned.Round });
        }

        if (settings.HalfLoad && HalfLoadPlan.From(runs, settings.Sensors) is { } plan)
        {
            var spec = new DriveSpec(LoadPattern.Full, settings.Sensors, new BatchTemplate(plan.BatchSize), settings.HalfLoadWindowBatches, plan.BatchInterval);
            runs.Add(await run.RunAsync($"half-load-{plan.BatchSize}", spec, plan, cancellationToken));
        }
        else if (settings.HalfLoad && settings.Patterns.Contains(LoadPattern.Full))
        {
            await progress.WriteLineAsync("bench: half-load: not run, no full run whose rounds all ran without a problem to take half of");
        }

        return runs;
    }
}
