using Grpc.Core;
using Grpc.Net.Client;
using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Storage;
using Ingest.LocalPostgres;
using Ingest.Protocol;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// One (pattern, batch size, storage) run: fresh collectors on fresh storage (one on its own SQLite file, or several on
/// one fresh database of <paramref name="postgres"/>), the drivers for the warm-up and the measured interval, the
/// collectors', the database server's and this process's CPU and memory from /proc over the interval, the acknowledged
/// streams drained, SIGTERM, and the storage check. A collector that exits during the run makes a failed run, with the
/// end of its log, not a failed benchmark. Without <paramref name="postgres"/>, a PostgreSQL run fails with
/// <paramref name="postgresUnavailable"/>.
/// </summary>
internal sealed class ThroughputRun(
    BenchmarkSettings settings, string logDirectory, TextWriter progress, TimeProvider time, PostgresCluster? postgres = null, string? postgresUnavailable = null)
{
    /// <summary>How long the streams open at the end of the interval may take to be acknowledged before they are cancelled.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="spec"/> on <paramref name="setup"/> (SQLite when null); <paramref name="limit"/> is the
    /// half-load plan it is limited by, if any.
    /// </summary>
    public async Task<RunResult> RunAsync(string name, DriveSpec spec, HalfLoadPlan? limit, CancellationToken cancellationToken, StorageSetup? setup = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        setup ??= StorageSetup.Sqlite;
        var planned = new RunResult
        {
            Name = name,
            Pattern = spec.Pattern,
            Engine = setup.Engine,
            Collectors = setup.Collectors,
            BatchSize = spec.Pattern == LoadPattern.Naive ? null : spec.Template.BatchSize,
            WindowBatches = spec.Pattern == LoadPattern.Naive ? null : spec.WindowBatches,
            RateLimitReadingsPerSecond = limit?.ReadingsPerSecond,
            RateLimitBasis = limit?.Basis,
            Sensors = spec.Sensors,
            Seconds = settings.Duration.TotalSeconds,
        };
        await progress.WriteLineAsync(
            $"bench: {name}: {spec.Sensors} sensors, {BenchmarkSettings.WarmUp.TotalSeconds:0} s warm-up + {settings.Duration.TotalSeconds:0} s measured" +
            (planned.WindowBatches is { } window ? $", {window} batches per stream" : "") +
            (setup == StorageSetup.Sqlite ? "" : $", {setup.Label} on one database") +
            (limit is null ? "" : $", limited to {limit.ReadingsPerSecond:N0} readings/s ({limit.Basis})"));
        var database = setup.Engine == StorageEngine.Postgres ? DatabaseName(name) : null;
        var collectors = new List<CollectorProcess>();
        try
        {
            string? connectionString = null;
            if (database is not null)
            {
                var cluster = postgres ?? throw new InvalidOperationException(postgresUnavailable ?? "no PostgreSQL cluster was started");
                connectionString = await cluster.CreateDatabaseAsync(database, cancellationToken);
            }

            RunResult result;
            try
            {
                for (var i = 0; i < setup.Collectors; i++)
                {
                    var collectorName = setup.Collectors == 1 ? name : $"{name}-c{i + 1}";
                    collectors.Add(await CollectorProcess.StartAsync(
                        settings.CollectorDll, collectorName, settings.StorageRoot, logDirectory, cancellationToken, StorageArguments(connectionString)));
                }
            }
            catch (InvalidOperationException ex)
            {
                return planned with { Failure = ex.Message };
            }

            result = await DriveAsync(collectors, spec, planned, connectionString, cancellationToken);
            await progress.WriteLineAsync(
                $"bench: {name}: {result.ReadingsPerSecond:N0} readings/s, {result.BatchesPerSecond:N0} batches/s, " +
                $"per-batch ack p99 {result.Latency.P99Ms:N1} ms, collector{(collectors.Count > 1 ? "s" : "")} {result.Process.CollectorCpuSeconds:N1} s CPU, {result.Process.CollectorPeakRssBytes / 1048576.0:N0} MiB peak" +
                (result.Process.DatabaseServerCpuSeconds is { } server ? $", PostgreSQL {server:N1} s CPU" : "") +
                (result.Storage is null ? "" : result.Storage.Passed ? ", storage ok" : $", STORAGE CHECK FAILED: {result.Storage.Detail}") +
                (result.Storage?.Warning is { } warning ? $" (warning: {warning})" : "") +
                (result.Problem is { } problem ? $"; NOT USABLE: {problem}" : ""));
            return result;
        }
        catch (InvalidOperationException ex) when (database is not null && collectors.Count == 0)
        {
            // The database could not be made: a failed run, not a failed benchmark.
            return planned with { Failure = ex.Message };
        }
        finally
        {
            foreach (var collector in collectors)
            {
                await collector.DisposeAsync();
            }

            if (database is not null && postgres is { IsRunning: true })
            {
                await postgres.DropDatabaseAsync(database, CancellationToken.None);
            }
        }
    }

    /// <summary>The database of a PostgreSQL run, named for it: <c>full-1000-pg2-r1</c> → <c>bench_full_1000_pg2_r1</c>.</summary>
    public static string DatabaseName(string runName)
    {
        ArgumentNullException.ThrowIfNull(runName);
        return "bench_" + new string([.. runName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
    }

    private static string[] StorageArguments(string? connectionString) => connectionString is null
        ? []
        : ["--Collector:Storage:Engine=Postgres", $"--Collector:Storage:ConnectionString={connectionString}"];

    private async Task<RunResult> DriveAsync(
        IReadOnlyList<CollectorProcess> collectors, DriveSpec spec, RunResult planned, string? connectionString, CancellationToken cancellationToken)
    {
        var channels = collectors
            .Select(c => CollectorChannel.Create(c.Address, TimeSpan.FromSeconds(10), c.ApiKey, new CollectorTlsOptions(), "LoadBenchmark:Tls"))
            .ToList();
        try
        {
            return await DriveAsync(collectors, channels.Select(c => c.CreateCallInvoker()).ToList(), spec, planned, connectionString, cancellationToken);
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private async Task<RunResult> DriveAsync(
        IReadOnlyList<CollectorProcess> collectors, List<CallInvoker> invokers, DriveSpec spec, RunResult planned, string? connectionString, CancellationToken cancellationToken)
    {
        using var stopSending = new CancellationTokenSource();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = RunWindow.StartingAfter(time, BenchmarkSettings.WarmUp, settings.Duration);
        var driving = spec.Pattern == LoadPattern.Naive
            ? new NaiveDriver(invokers[0], time).RunAsync(spec.Sensors, window, stopSending.Token, abort.Token)
            : new StreamingDriver(invokers, time).RunAsync(spec, window, stopSending.Token, abort.Token);
        var pids = collectors.Select(c => c.Pid).ToList();
        var serverPid = connectionString is null ? null : postgres?.ServerProcessId();

        ProcessSample? collectorStart, collectorEnd;
        ProcessSample clientStart, clientEnd;
        double? serverStart = null, serverEnd = null;
        try
        {
            await DelayUntilAsync(window.StartTimestamp, cancellationToken);
            collectorStart = collectors.Any(c => c.HasExited) ? null : ProcessSample.TryReadAll(pids);
            clientStart = ProcessSample.Read(Environment.ProcessId);
            serverStart = serverPid is { } startPid ? ServerCpu.TryReadSeconds(startPid) : null;
            await DelayUntilAsync(window.EndTimestamp, cancellationToken);
            collectorEnd = collectors.Any(c => c.HasExited) ? null : ProcessSample.TryReadAll(pids);
            clientEnd = ProcessSample.Read(Environment.ProcessId);
            serverEnd = serverPid is { } endPid ? ServerCpu.TryReadSeconds(endPid) : null;
        }
        catch
        {
            // Interrupted: the sensors stop before the collectors and the channels go.
            await abort.CancelAsync();
            await Quietly(driving);
            throw;
        }

        await stopSending.CancelAsync();
        abort.CancelAfter(DrainTimeout);
        var totals = await driving;
        var exited = collectors.FirstOrDefault(c => c.HasExited);
        var exitedEarly = exited is not null || collectorStart is null || collectorEnd is null;
        var failed = exited ?? collectors[0];
        var exitCode = failed.ExitCode;
        var logTail = exitedEarly ? failed.LogTail(RunResult.LogTailLines) : [];
        foreach (var collector in collectors)
        {
            await collector.StopAsync(cancellationToken);
        }

        var storage = spec.Pattern == LoadPattern.Ceiling
            ? null
            : connectionString is null
                ? CheckStorage(collectors[0].DatabasePath, totals, spec.Template.BatchSize)
                : CheckPostgres(connectionString, totals, spec.Template.BatchSize);

        var seconds = settings.Duration.TotalSeconds;
        return planned with
        {
            ReadingsAcked = totals.ReadingsInWindow,
            BatchesAcked = totals.BatchesInWindow,
            ReadingsPerSecond = totals.ReadingsInWindow / seconds,
            BatchesPerSecond = totals.BatchesInWindow / seconds,
            Latency = LatencySummary.Of(totals.BatchLatency),
            CompletionToAck = LatencySummary.Of(totals.CompletionToAck),
            Process = ProcessFigures.Of(collectorStart, collectorEnd, clientStart, clientEnd, seconds).WithDatabaseServer(serverStart, serverEnd, seconds),
            Errors = totals.Errors,
            DuplicateBatches = totals.DuplicateBatches,
            RejectedBatches = totals.RejectedBatches,
            Gaps = totals.Gaps,
            TotalReadingsAcked = totals.ReadingsAcked,
            TotalBatchesAcked = totals.BatchesAcked,
            Storage = storage,
            Failure = exitedEarly
                ? $"the collector exited during the run{(exitCode is { } code ? $" with {code}" : "")}; see {failed.LogPath}"
                : null,
            CollectorLogTail = logTail,
        };
    }

    private static StorageVerdict CheckStorage(string databasePath, RunTotals totals, int readingsPerBatch)
    {
        try
        {
            return StorageVerdict.Compare(StorageCheck.Read(databasePath, totals.Sensors), totals.Sensors, readingsPerBatch);
        }
        catch (SqliteException ex)
        {
            return StorageVerdict.Unreadable(databasePath, ex.Message, totals.Sensors, readingsPerBatch);
        }
    }

    private static StorageVerdict CheckPostgres(string connectionString, RunTotals totals, int readingsPerBatch)
    {
        try
        {
            return StorageVerdict.Compare(StorageCheck.ReadPostgres(connectionString, totals.Sensors), totals.Sensors, readingsPerBatch);
        }
        catch (NpgsqlException ex)
        {
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
            return StorageVerdict.Unreadable($"PostgreSQL database {database}", ex.Message, totals.Sensors, readingsPerBatch);
        }
    }

    private async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = time.GetElapsedTime(time.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Aborted on the way out of an interrupted run; nothing of it is reported.
        }
    }
}
