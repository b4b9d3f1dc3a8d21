using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>The figures of one (pattern, batch size) run, each on a fresh collector.</summary>
internal sealed record RunResult
{
    /// <summary>E.g. <c>full-1000</c>, <c>naive</c>, <c>half-load-1000</c>; also the name of the collector's log file.</summary>
    public required string Name { get; init; }

    public required LoadPattern Pattern { get; init; }

    /// <summary>Readings per batch; null for the naive pattern, where batch size does not apply (one reading per call).</summary>
    public int? BatchSize { get; init; }

    /// <summary>The readings/s the run was limited to (the half-load run); null when it ran at full speed.</summary>
    public double? RateLimitReadingsPerSecond { get; init; }

    public int Sensors { get; init; }

    public double Seconds { get; init; }

    /// <summary>Readings acknowledged (durably, for full and naive) by acks that arrived in the measured interval.</summary>
    public long ReadingsAcked { get; init; }

    public long BatchesAcked { get; init; }

    public double ReadingsPerSecond { get; init; }

    public double BatchesPerSecond { get; init; }

    public LatencySummary Latency { get; init; } = new(0, null, null, null, null);

    /// <summary>The collector's user + system CPU time over the measured interval.</summary>
    public double CollectorCpuSeconds { get; init; }

    /// <summary><see cref="CollectorCpuSeconds"/> as a percentage of one core over the interval.</summary>
    public double CollectorCpuPercentOfCore { get; init; }

    /// <summary>The collector's peak resident memory (VmHWM) at the end of the interval.</summary>
    public long CollectorPeakRssBytes { get; init; }

    /// <summary>The collector's resident memory (VmRSS) at the end of the interval.</summary>
    public long CollectorEndRssBytes { get; init; }

    /// <summary>The benchmark process's own CPU time over the interval: the sensors' side, on the same cores.</summary>
    public double ClientCpuSeconds { get; init; }

    /// <summary>RPC errors by status name.</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    public long DuplicateBatches { get; init; }

    public long RejectedBatches { get; init; }

    /// <summary>Acknowledged over the whole run (warm-up and drain included): what storage must hold.</summary>
    public long TotalReadingsAcked { get; init; }

    public long TotalBatchesAcked { get; init; }

    /// <summary>The storage check; null for the ceiling, which stores nothing.</summary>
    public StorageVerdict? Storage { get; init; }

    /// <summary>Why the run could not be done or finished badly (e.g. the collector did not start); null when it ran.</summary>
    public string? Failure { get; init; }

    /// <summary>RPC errors, duplicates, rejects or a failure: the table says so.</summary>
    public bool HasErrors => Errors.Count > 0 || DuplicateBatches > 0 || RejectedBatches > 0 || Failure is not null;

    /// <summary>A storage check ran and found a mismatch.</summary>
    public bool StorageMismatch => Storage is { Passed: false };
}
