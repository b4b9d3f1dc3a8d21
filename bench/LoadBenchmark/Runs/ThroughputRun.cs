using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Storage;
using Ingest.Protocol;
using Microsoft.Data.Sqlite;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// One (pattern, batch size) run: a fresh collector on fresh storage, the drivers for the warm-up and the
/// measured interval, the collector's and this process's CPU and memory from /proc over the interval, the
/// acknowledged streams drained, SIGTERM, and the storage check. A collector that exits during the run
/// makes a failed run, with the end of its log, not a failed benchmark.
/// </summary>
internal sealed class ThroughputRun(BenchmarkSettings settings, string logDirectory, TextWriter progress, TimeProvider time)
{
    /// <summary>How long the streams open at the end of the interval may take to be acknowledged before they are cancelled.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="spec"/>; <paramref name="limit"/> is the half-load plan it is limited by, if any.</summary>
    public async Task<RunResult> RunAsync(string name, DriveSpec spec, HalfLoadPlan? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var planned = new RunResult
        {
            Name = name,
            Pattern = spec.Pattern,
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
            (limit is null ? "" : $", limited to {limit.ReadingsPerSecond:N0} readings/s ({limit.Basis})"));
        CollectorProcess collector;
        try
        {
            collector = await CollectorProcess.StartAsync(settings.CollectorDll, name, settings.StorageRoot, logDirectory, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return planned with { Failure = ex.Message };
        }

        await using var _ = collector;
        var result = await DriveAsync(collector, spec, planned, cancellationToken);
        await progress.WriteLineAsync(
            $"bench: {name}: {result.ReadingsPerSecond:N0} readings/s, {result.BatchesPerSecond:N0} batches/s, " +
            $"per-batch ack p99 {result.Latency.P99Ms:N1} ms, collector {result.Process.CollectorCpuSeconds:N1} s CPU, {result.Process.CollectorPeakRssBytes / 1048576.0:N0} MiB peak" +
            (result.Storage is null ? "" : result.Storage.Passed ? ", storage ok" : $", STORAGE CHECK FAILED: {result.Storage.Detail}") +
            (result.Storage?.Warning is { } warning ? $" (warning: {warning})" : "") +
            (result.Problem is { } problem ? $"; NOT USABLE: {problem}" : ""));
        return result;
    }

    private async Task<RunResult> DriveAsync(CollectorProcess collector, DriveSpec spec, RunResult planned, CancellationToken cancellationToken)
    {
        using var channel = CollectorChannel.Create(
            collector.Address, TimeSpan.FromSeconds(10), collector.ApiKey, new CollectorTlsOptions(), "LoadBenchmark:Tls");
        var invoker = channel.CreateCallInvoker();
        using var stopSending = new CancellationTokenSource();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = RunWindow.StartingAfter(time, BenchmarkSettings.WarmUp, settings.Duration);
        var driving = spec.Pattern == LoadPattern.Naive
            ? new NaiveDriver(invoker, time).RunAsync(spec.Sensors, window, stopSending.Token, abort.Token)
            : new StreamingDriver(invoker, time).RunAsync(spec, window, stopSending.Token, abort.Token);

        ProcessSample? collectorStart, collectorEnd;
        ProcessSample clientStart, clientEnd;
        try
        {
            await DelayUntilAsync(window.StartTimestamp, cancellationToken);
            collectorStart = collector.HasExited ? null : ProcessSample.TryRead(collector.Pid);
            clientStart = ProcessSample.Read(Environment.ProcessId);
            await DelayUntilAsync(window.EndTimestamp, cancellationToken);
            collectorEnd = collector.HasExited ? null : ProcessSample.TryRead(collector.Pid);
            clientEnd = ProcessSample.Read(Environment.ProcessId);
        }
        catch
        {
            // Interrupted: the sensors stop before the collector and the channel go.
            await abort.CancelAsync();
            await Quietly(driving);
            throw;
        }

        await stopSending.CancelAsync();
        abort.CancelAfter(DrainTimeout);
        var totals = await driving;
        var exitedEarly = collector.HasExited || collectorStart is null || collectorEnd is null;
        var exitCode = collector.ExitCode;
        var logTail = exitedEarly ? collector.LogTail(RunResult.LogTailLines) : [];
        await collector.StopAsync(cancellationToken);
        var storage = spec.Pattern == LoadPattern.Ceiling ? null : CheckStorage(collector.DatabasePath, totals, spec.Template.BatchSize);

        var seconds = settings.Duration.TotalSeconds;
        return planned with
        {
            ReadingsAcked = totals.ReadingsInWindow,
            BatchesAcked = totals.BatchesInWindow,
            ReadingsPerSecond = totals.ReadingsInWindow / seconds,
            BatchesPerSecond = totals.BatchesInWindow / seconds,
            Latency = LatencySummary.Of(totals.BatchLatency),
            CompletionToAck = LatencySummary.Of(totals.CompletionToAck),
            Process = ProcessFigures.Of(collectorStart, collectorEnd, clientStart, clientEnd, seconds),
            Errors = totals.Errors,
            DuplicateBatches = totals.DuplicateBatches,
            RejectedBatches = totals.RejectedBatches,
            Gaps = totals.Gaps,
            TotalReadingsAcked = totals.ReadingsAcked,
            TotalBatchesAcked = totals.BatchesAcked,
            Storage = storage,
            Failure = exitedEarly
                ? $"the collector exited during the run{(exitCode is { } code ? $" with {code}" : "")}; see {collector.LogPath}"
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
