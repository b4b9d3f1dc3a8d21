using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Scale;

/// <summary>The figures of the scale run: many sensors connected at once, each sending a one-reading batch a second.</summary>
internal sealed record ScaleResult
{
    /// <summary>When the measured interval began.</summary>
    public DateTimeOffset MeasuredAt { get; init; }

    public int Sensors { get; init; }

    /// <summary>Sensors whose control stream was open (welcomed) when the measured interval began.</summary>
    public int ConnectedAtStart { get; init; }

    /// <summary>Sensors whose control stream was open when the measured interval ended.</summary>
    public int ConnectedAtEnd { get; init; }

    /// <summary>How long connecting every sensor took.</summary>
    public double ConnectSeconds { get; init; }

    public double Seconds { get; init; }

    public long ReadingsAcked { get; init; }

    public double ReadingsPerSecond { get; init; }

    public LatencySummary Latency { get; init; } = new(0, null, null, null, null);

    public double CollectorCpuSeconds { get; init; }

    public double CollectorCpuPercentOfCore { get; init; }

    /// <summary>The collector's peak resident memory (VmHWM) at the end of the interval, start-up and connecting included.</summary>
    public long CollectorPeakRssBytes { get; init; }

    public long CollectorEndRssBytes { get; init; }

    public double ClientCpuSeconds { get; init; }

    /// <summary>RPC errors by status name, over the whole run (connecting included).</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Control streams that ended before the benchmark closed them.</summary>
    public long ControlStreamsEnded { get; init; }

    /// <summary>Configuration updates received and acknowledged as applied.</summary>
    public long ConfigUpdatesApplied { get; init; }

    public long DuplicateBatches { get; init; }

    public long RejectedBatches { get; init; }

    /// <summary>Why the run could not be done; null when it ran.</summary>
    public string? Failure { get; init; }

    public long ErrorCount => Errors.Values.Sum() + DuplicateBatches + RejectedBatches + ControlStreamsEnded + (Failure is null ? 0 : 1);
}
