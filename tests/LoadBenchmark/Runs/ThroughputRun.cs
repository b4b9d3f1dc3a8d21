using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Reporting;
using Ingest.LoadBenchmark.Storage;
using Ingest.ServiceDefaults.Grpc;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// One (pattern, batch size) run: a fresh collector on fresh storage, the drivers for the warm-up and the
/// measured interval, the collector's and this process's CPU and memory from /proc over the interval, the
/// acknowledged streams drained, SIGTERM, and the storage check.
/// </summary>
internal sealed class ThroughputRun(BenchmarkSettings settings, string logDirectory, TextWriter progress, TimeProvider time)
{
    /// <summary>How long the streams open at the end of the interval may take to be acknowledged before they are cancelled.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="spec"/>; <paramref name="rateLimit"/> is the readings/s it is limited to, if any.</summary>
    public async Task<RunResult> RunAsync(string name, DriveSpec spec, double? rateLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var batchSize = spec.Pattern == LoadPattern.Naive ? (int?)null : spec.Template.BatchSize;
        await progress.WriteLineAsync(
            $"bench: {name}: {spec.Sensors} sensors, {BenchmarkSettings.WarmUp.TotalSeconds:0} s warm-up + {settings.Duration.TotalSeconds:0} s measured" +
            (rateLimit is { } limit ? $", limited to {limit:N0} readings/s" : ""));
        CollectorProcess collector;
        try
        {
            collector = await CollectorProcess.StartAsync(settings.CollectorDll, name, logDirectory, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return new RunResult { Name = name, Pattern = spec.Pattern, BatchSize = batchSize, RateLimitReadingsPerSecond = rateLimit, Sensors = spec.Sensors, Failure = ex.Message };
        }

        await using var _ = collector;
        using var channel = CollectorChannel.Create(collector.Address, TimeSpan.FromSeconds(10));
        var invoker = channel.CreateCallInvoker();
        using var stopSending = new CancellationTokenSource();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = RunWindow.StartingAfter(time, BenchmarkSettings.WarmUp, settings.Duration);
        var driving = spec.Pattern == LoadPattern.Naive
            ? new NaiveDriver(invoker, time).RunAsync(spec.Sensors, window, stopSending.Token, abort.Token)
            : new StreamingDriver(invoker, time).RunAsync(spec, window, stopSending.Token, abort.Token);

        await DelayUntilAsync(window.StartTimestamp, cancellationToken);
        var collectorStart = ProcessSample.Read(collector.Pid);
        var clientStart = ProcessSample.Read(Environment.ProcessId);
        await DelayUntilAsync(window.EndTimestamp, cancellationToken);
        var collectorEnd = collector.HasExited ? null : ProcessSample.Read(collector.Pid);
        var clientEnd = ProcessSample.Read(Environment.ProcessId);

        await stopSending.CancelAsync();
        abort.CancelAfter(DrainTimeout);
        var totals = await driving;
        var exitedEarly = collector.HasExited;
        await collector.StopAsync(cancellationToken);
        var storage = spec.Pattern == LoadPattern.Ceiling
            ? null
            : StorageVerdict.Compare(StorageCheck.Read(collector.DatabasePath), totals.ReadingsAcked, totals.BatchesAcked);

        var seconds = settings.Duration.TotalSeconds;
        var collectorCpu = collectorEnd is null ? 0 : collectorEnd.CpuSeconds - collectorStart.CpuSeconds;
        var result = new RunResult
        {
            Name = name,
            Pattern = spec.Pattern,
            BatchSize = batchSize,
            RateLimitReadingsPerSecond = rateLimit,
            Sensors = spec.Sensors,
            Seconds = seconds,
            ReadingsAcked = totals.ReadingsInWindow,
            BatchesAcked = totals.BatchesInWindow,
            ReadingsPerSecond = totals.ReadingsInWindow / seconds,
            BatchesPerSecond = totals.BatchesInWindow / seconds,
            Latency = LatencySummary.Of(totals.LatenciesMs),
            CollectorCpuSeconds = collectorCpu,
            CollectorCpuPercentOfCore = collectorCpu / seconds * 100,
            CollectorPeakRssBytes = collectorEnd?.PeakRssBytes ?? 0,
            CollectorEndRssBytes = collectorEnd?.RssBytes ?? 0,
            ClientCpuSeconds = clientEnd.CpuSeconds - clientStart.CpuSeconds,
            Errors = totals.Errors,
            DuplicateBatches = totals.DuplicateBatches,
            RejectedBatches = totals.RejectedBatches,
            TotalReadingsAcked = totals.ReadingsAcked,
            TotalBatchesAcked = totals.BatchesAcked,
            Storage = storage,
            Failure = exitedEarly ? $"the collector exited during the run; see {collector.LogPath}" : null,
        };
        await progress.WriteLineAsync(
            $"bench: {name}: {result.ReadingsPerSecond:N0} readings/s, {result.BatchesPerSecond:N0} batches/s, p99 {result.Latency.P99Ms:N1} ms, " +
            $"collector {result.CollectorCpuSeconds:N1} s CPU, {result.CollectorPeakRssBytes / 1048576.0:N0} MiB peak" +
            (result.HasErrors ? $", errors: {string.Join(", ", result.Errors.Select(e => $"{e.Key} ×{e.Value}"))}" : "") +
            (storage is null ? "" : storage.Passed ? ", storage ok" : $", STORAGE MISMATCH: {storage.Detail}"));
        return result;
    }

    private async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = time.GetElapsedTime(time.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
