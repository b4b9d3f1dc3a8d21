using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Fleet;
using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Scale;
using Ingest.LocalPostgres;

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
        if (settings.Fleet.Count > 0)
        {
            return await new FleetBenchmark(output, progress, time).RunAsync(settings, files, storageRoot, cancellationToken);
        }

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
        var plan = ThroughputPlan.Of(settings).ToList();
        if (!plan.Any(p => p.Setup.Engine == StorageEngine.Postgres))
        {
            return await RunThroughputAsync(settings, plan, new ThroughputRun(settings, logDirectory, progress, time), cancellationToken);
        }

        // One cluster for every PostgreSQL run (a fresh database each), under the storage directory: on the disk the
        // SQLite files go to, so that both pay for the same fsync.
        var directory = Path.Combine(Path.GetFullPath(settings.StorageRoot), $"postgres-{Guid.NewGuid():N}");
        try
        {
            await using var cluster = new PostgresCluster(directory);
            await progress.WriteLineAsync($"bench: starting a PostgreSQL cluster in {directory} (fsync on, synchronous_commit on)");
            try
            {
                await cluster.StartAsync(cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                // No PostgreSQL here (or it would not start): its rows fail with the reason, the SQLite rows still run.
                await progress.WriteLineAsync($"bench: PostgreSQL did not start: {ex.Message}");
                var unavailable = new ThroughputRun(settings, logDirectory, progress, time, postgresUnavailable: $"PostgreSQL did not start: {ex.Message}");
                return await RunThroughputAsync(settings, plan, unavailable, cancellationToken);
            }

            var postmaster = cluster.ServerProcessId();
            if (postmaster is { } pid)
            {
                LiveDatabaseServers.Add(pid);
            }

            await progress.WriteLineAsync($"bench: PostgreSQL {await cluster.PsqlAsync("SHOW server_version", cancellationToken: cancellationToken)} on 127.0.0.1:{cluster.Port}, started in {cluster.LastStartDuration.TotalSeconds:N1} s");
            try
            {
                return await RunThroughputAsync(settings, plan, new ThroughputRun(settings, logDirectory, progress, time, cluster), cancellationToken);
            }
            finally
            {
                if (postmaster is { } started)
                {
                    LiveDatabaseServers.Remove(started);
                }
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private async Task<IReadOnlyList<RunResult>> RunThroughputAsync(
        BenchmarkSettings settings, IReadOnlyList<PlannedRun> plannedRuns, ThroughputRun run, CancellationToken cancellationToken)
    {
        var runs = new List<RunResult>();
        BatchTemplate? template = null;
        foreach (var planned in plannedRuns)
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

            var result = await run.RunAsync(planned.Name, spec, limit: null, cancellationToken, planned.Setup);
            runs.Add(result with { Round = planned.Round });
        }

        if (!settings.HalfLoad || !settings.Patterns.Contains(LoadPattern.Full))
        {
            return runs;
        }

        // SQLite's half load, then PostgreSQL's with one collector, each at half its own peak.
        var setups = plannedRuns.Where(p => p.Pattern == LoadPattern.Full).Select(p => p.Setup).Distinct()
            .Where(s => s == StorageSetup.Sqlite || s == StorageSetup.Postgres(1)).ToList();
        foreach (var setup in setups)
        {
            if (HalfLoadPlan.From(runs, settings.Sensors, setup) is { } plan)
            {
                var spec = new DriveSpec(LoadPattern.Full, settings.Sensors, new BatchTemplate(plan.BatchSize), settings.HalfLoadWindowBatches, plan.BatchInterval);
                runs.Add(await run.RunAsync($"half-load-{plan.BatchSize}{setup.NameSuffix}", spec, plan, cancellationToken, setup));
            }
            else
            {
                await progress.WriteLineAsync($"bench: half-load ({setup.Label}): not run, no full run whose rounds all ran without a problem to take half of");
            }
        }

        return runs;
    }
}
