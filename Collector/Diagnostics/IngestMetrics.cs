using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ingest.Collector.Diagnostics;

/// <summary>
/// The ingest path's counters, published through <see cref="System.Diagnostics.Metrics"/> (meter
/// <c>Ingest.Collector</c>) and kept as running totals for the status line and the dashboard.
/// </summary>
internal sealed class IngestMetrics
{
    public const string MeterName = "Ingest.Collector";

    /// <summary>
    /// The bucket bounds of the latency histograms, in seconds, as OpenTelemetry's semantic conventions advise for
    /// durations (an exporter's default bounds, 0 to 10,000, suit milliseconds).
    /// </summary>
    public static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };

    private static readonly InstrumentAdvice<int> GroupSizeAdvice = new() { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] };

    /// <summary>How far back <see cref="CommitLatencyP99"/> looks.</summary>
    public static readonly TimeSpan CommitLatencySpan = TimeSpan.FromSeconds(10);

    private readonly Counter<long> _readingsCommitted;
    private readonly Counter<long> _batchesCommitted;
    private readonly Counter<long> _duplicateBatches;
    private readonly Counter<long> _rejectedBatches;
    private readonly Counter<long> _lostBatches;
    private readonly Counter<long> _fencedBatches;
    private readonly Counter<long> _conflictingBatches;
    private readonly Counter<long> _storageConflicts;
    private long _readingsHere;

    // What storage last said every collector sharing it settled (SharedTotalsRefresher): shown where larger than the own counts.
    private long _storedReadings, _storedBatches, _storedDuplicates, _storedRejected, _storedLost;
    private readonly Counter<long> _commitFailures;
    private readonly Counter<long> _uploadRefusals;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<int> _commitGroupSize;
    private readonly Histogram<double> _ackDuration;
    private readonly LatencyWindow _recentCommitLatency;
    private readonly ConcurrentDictionary<string, long> _uploadRefusalsByReason = new(StringComparer.Ordinal);
    private long _readings, _batches, _duplicates, _rejected, _lost, _failures, _uploadsOpen, _uploadsRefused;

    public IngestMetrics(IMeterFactory meterFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _recentCommitLatency = new LatencyWindow(CommitLatencySpan, time ?? TimeProvider.System);
        var meter = meterFactory.Create(MeterName);
        _readingsCommitted = meter.CreateCounter<long>("ingest.readings.committed", "{reading}", "Readings durably stored.");
        _batchesCommitted = meter.CreateCounter<long>("ingest.batches.committed", "{batch}", "Batches durably stored.");
        _duplicateBatches = meter.CreateCounter<long>("ingest.batches.duplicate", "{batch}", "Batches received again after they were settled.");
        _rejectedBatches = meter.CreateCounter<long>("ingest.batches.rejected", "{batch}", "Batches refused for their content.");
        _lostBatches = meter.CreateCounter<long>("ingest.batches.lost", "{batch}", "Batches that never arrived: gaps in sequences.");
        _storageConflicts = meter.CreateCounter<long>("ingest.storage.conflicts", "{sensor}",
            "Sensors another collector sharing the database had moved on while this one decided their batches: decided again.");
        _fencedBatches = meter.CreateCounter<long>("ingest.batches.fenced", "{batch}", "Batches of a superseded session: neither stored nor acknowledged.");
        _conflictingBatches = meter.CreateCounter<long>(
            "ingest.batches.conflicting", "{batch}", "Resends whose readings differ from those stored under their sequence: refused (also counted as rejected).");
        _commitFailures = meter.CreateCounter<long>("ingest.commit.failures", "{transaction}", "Storage transactions that failed.");
        _uploadRefusals = meter.CreateCounter<long>("ingest.uploads.refused", "{stream}", "Upload streams refused or ended by a limit, or ended because storage could not commit their batches, tagged with the reason.");
        _commitDuration = meter.CreateHistogram("ingest.commit.duration", "s", "From a batch being queued to its commit.", tags: null, SecondsAdvice);
        _commitGroupSize = meter.CreateHistogram("ingest.commit.group_size", "{batch}", "Batches per storage transaction.", tags: null, GroupSizeAdvice);
        _ackDuration = meter.CreateHistogram("ingest.upload.ack.duration", "s", "From a stream's end to its acknowledgement.", tags: null, SecondsAdvice);
        // Each untagged counter starts at 0 where it is scraped, so that its first increase is a rise an alert's increase() sees,
        // not a series appearing with its first value.
        foreach (var counter in new[] { _readingsCommitted, _batchesCommitted, _duplicateBatches, _rejectedBatches, _lostBatches, _fencedBatches, _conflictingBatches, _storageConflicts, _commitFailures })
        {
            counter.Add(0);
        }

        meter.CreateObservableUpDownCounter("ingest.uploads.active", () => Interlocked.Read(ref _uploadsOpen), "{stream}", "Upload streams open.");
        meter.CreateObservableGauge("ingest.commit.queue.depth", () => QueueDepth(), "{batch}", "Batches waiting for commit.");
        meter.CreateObservableGauge("ingest.uploads.buffered.bytes", () => BufferedBytes(), "By",
            "Bytes of batches read from upload streams and not yet settled by storage (budget: Collector:Ingestion:MaxBufferedBytes).");
        meter.CreateObservableGauge("ingest.uploads.buffered.waiting", () => BufferedBytesWaiting(), "{stream}",
            "Upload streams waiting for room in the buffered-bytes budget (they read nothing meanwhile).");
        meter.CreateObservableGauge("ingest.storage.serving", () => StorageServing() ? 1 : 0, unit: null,
            "1 while storage takes writes (grpc.health.v1 SERVING), 0 while it is not open yet or writes fail.");
    }

    /// <summary>Reads the commit queue's depth; set by the commit pipeline.</summary>
    public Func<int> QueueDepth { get; set; } = () => 0;

    /// <summary>Reads the bytes held from the buffered-bytes budget; set by the budget.</summary>
    public Func<long> BufferedBytes { get; set; } = () => 0;

    /// <summary>Reads the streams waiting for the buffered-bytes budget; set by the budget.</summary>
    public Func<long> BufferedBytesWaiting { get; set; } = () => 0;

    /// <summary>Whether storage takes writes, as health reports it; set by the commit pipeline.</summary>
    public Func<bool> StorageServing { get; set; } = () => false;

    public long UploadsOpen => Interlocked.Read(ref _uploadsOpen);

    public IngestTotals Snapshot() => new(
        Larger(ref _readings, ref _storedReadings),
        Larger(ref _batches, ref _storedBatches),
        Larger(ref _duplicates, ref _storedDuplicates),
        Larger(ref _rejected, ref _storedRejected),
        Larger(ref _lost, ref _storedLost),
        Interlocked.Read(ref _failures),
        Interlocked.Read(ref _uploadsOpen),
        Interlocked.Read(ref _uploadsRefused),
        QueueDepth(),
        Interlocked.Read(ref _readingsHere));

    /// <summary>
    /// Starts the running totals from what storage recorded before this process: the totals survive a restart. The
    /// counters published through the meter count from this process's start, as counters do.
    /// </summary>
    public void Restore(long batches, long readings, long duplicates, long rejected, long lost)
    {
        Interlocked.Add(ref _batches, batches);
        Interlocked.Add(ref _readings, readings);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Add(ref _lost, lost);
    }

    /// <summary>
    /// Raises the running totals to what storage holds, where other collectors sharing the
    /// database commit too: each total becomes the larger of the two, so it never goes down. Refusals this collector never
    /// settled in storage are its own, and stay counted here only.
    /// </summary>
    public void RaiseTo(long batches, long readings, long duplicates, long rejected, long lost)
    {
        RaiseTo(ref _storedBatches, batches);
        RaiseTo(ref _storedReadings, readings);
        RaiseTo(ref _storedDuplicates, duplicates);
        RaiseTo(ref _storedRejected, rejected);
        RaiseTo(ref _storedLost, lost);
    }

    private static void RaiseTo(ref long total, long stored)
    {
        var current = Interlocked.Read(ref total);
        while (stored > current)
        {
            var seen = Interlocked.CompareExchange(ref total, stored, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>The larger of what this collector counted and what storage last said: never both added.</summary>
    private static long Larger(ref long counted, ref long stored) => Math.Max(Interlocked.Read(ref counted), Interlocked.Read(ref stored));

    public void Committed(int batches, long readings)
    {
        Interlocked.Add(ref _batches, batches);
        Interlocked.Add(ref _readings, readings);
        Interlocked.Add(ref _readingsHere, readings);
        _batchesCommitted.Add(batches);
        _readingsCommitted.Add(readings);
    }

    public void Duplicates(int batches)
    {
        Interlocked.Add(ref _duplicates, batches);
        _duplicateBatches.Add(batches);
    }

    public void Rejected(int batches)
    {
        Interlocked.Add(ref _rejected, batches);
        _rejectedBatches.Add(batches);
    }

    public void Lost(long batches)
    {
        Interlocked.Add(ref _lost, batches);
        _lostBatches.Add(batches);
    }

    public void Fenced(int batches)
    {
        if (batches > 0)
        {
            _fencedBatches.Add(batches);
        }
    }

    public void ContentConflict() => _conflictingBatches.Add(1);

    public void StorageConflicts(int sensors) => _storageConflicts.Add(sensors);

    public void CommitFailed()
    {
        Interlocked.Increment(ref _failures);
        _commitFailures.Add(1);
    }

    public void CommitGroup(int batches) => _commitGroupSize.Record(batches);

    public void CommitLatency(TimeSpan elapsed)
    {
        _commitDuration.Record(elapsed.TotalSeconds);
        _recentCommitLatency.Record(elapsed);
    }

    /// <summary>The 99th percentile of commit latency over the last <see cref="CommitLatencySpan"/>; null when nothing was committed in it.</summary>
    public TimeSpan? CommitLatencyP99() => _recentCommitLatency.Percentile(0.99);

    /// <summary>Uploads refused by a limit since start, by reason (only reasons counted at least once).</summary>
    public IReadOnlyDictionary<string, long> UploadRefusalsByReason() => _uploadRefusalsByReason.ToDictionary(StringComparer.Ordinal);

    public void AckLatency(TimeSpan elapsed) => _ackDuration.Record(elapsed.TotalSeconds);

    public void UploadOpened() => Interlocked.Increment(ref _uploadsOpen);

    public void UploadClosed() => Interlocked.Decrement(ref _uploadsOpen);

    /// <summary>Counts an upload refused by a limit; <paramref name="reason"/> is one of <see cref="Ingestion.UploadRefusalReason"/>.</summary>
    public void UploadRefused(string reason)
    {
        Interlocked.Increment(ref _uploadsRefused);
        _uploadRefusalsByReason.AddOrUpdate(reason, 1, (_, count) => count + 1);
        _uploadRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }
}
