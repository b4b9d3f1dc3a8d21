using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>The figures of one fleet size: every sensor on its own connection, 1 Hz, control streams open.</summary>
internal sealed record FleetResult
{
    public int Sensors { get; init; }

    public bool Tls { get; init; }

    /// <summary>Generator processes the sensors were split over.</summary>
    public int Workers { get; init; }

    /// <summary>Sensors welcomed on their control stream at least once by the end of the connect phase.</summary>
    public long Connected { get; init; }

    /// <summary>Seconds from the first sensor's start until every sensor was welcomed; null when not all were within the grace.</summary>
    public double? ConnectSeconds { get; init; }

    /// <summary>Seconds the connect phase lasted (all connected, or the grace ran out).</summary>
    public double ConnectPhaseSeconds { get; init; }

    public long ConnectedAtStart { get; init; }

    public long MinConnectedInWindow { get; init; }

    public long ConnectedAtEnd { get; init; }

    /// <summary>The measured window.</summary>
    public double Seconds { get; init; }

    public long BatchesAcked { get; init; }

    public long ReadingsAcked { get; init; }

    public double CollectorCpuPercentOfCore { get; init; }

    /// <summary>The collector's CPU over the window per 1,000 sensors connected at its start, in percent of a core.</summary>
    public double CollectorCpuPercentPer1000 => ConnectedAtStart == 0 ? 0 : CollectorCpuPercentOfCore / (ConnectedAtStart / 1000.0);

    /// <summary>The generator processes' CPU over the window, summed, in percent of a core.</summary>
    public double GeneratorCpuPercentOfCore { get; init; }

    /// <summary>The collector's resident memory once listening, before any sensor.</summary>
    public long CollectorIdleRssBytes { get; init; }

    /// <summary>The collector's peak resident memory (VmHWM) at the end of the window, connecting included.</summary>
    public long CollectorPeakRssBytes { get; init; }

    /// <summary>The median of the collector's resident memory sampled each second of the window.</summary>
    public long CollectorSteadyRssBytes { get; init; }

    /// <summary>(steady − idle) / sensors connected at the window's start: what a sensor costs the collector in memory.</summary>
    public long RssPerSensorBytes => ConnectedAtStart == 0 ? 0 : (CollectorSteadyRssBytes - CollectorIdleRssBytes) / ConnectedAtStart;

    /// <summary>The generator processes' resident memory at the window's end, summed.</summary>
    public long GeneratorRssBytes { get; init; }

    /// <summary>Share of the window the collector's threads were paused for garbage collection; null without its runtime metrics.</summary>
    public double? GcPauseShare { get; init; }

    /// <summary>Gen2 collections of the collector in the window; null without its runtime metrics.</summary>
    public double? Gen2Collections { get; init; }

    /// <summary>Bytes the collector allocated in the window per batch acknowledged in it (control streams and heartbeats included); null without its runtime metrics.</summary>
    public double? AllocatedBytesPerBatch { get; init; }

    /// <summary>Failed calls by status over the whole run, connecting included.</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Failed calls by status inside the measured window.</summary>
    public IReadOnlyDictionary<string, long> WindowErrors { get; init; } = new Dictionary<string, long>();

    public long ControlStreamsEnded { get; init; }

    public long ConfigUpdatesApplied { get; init; }

    /// <summary>Batches acknowledged as duplicates: resent after an ack was lost.</summary>
    public long DuplicateBatches { get; init; }

    public long RejectedBatches { get; init; }

    /// <summary>Storage checked against every sensor's acknowledgements; null when it could not be checked.</summary>
    public StorageVerdict? Storage { get; init; }

    /// <summary>/proc/loadavg when the window began and when it ended: the machine is shared, so the figures are noisy.</summary>
    public string LoadAverageAtStart { get; init; } = "";

    public string LoadAverageAtEnd { get; init; } = "";

    /// <summary>The reconnect storm after a collector restart (<c>--fleet-restart</c>); null when the run did not restart it.</summary>
    public FleetStormResult? Storm { get; init; }

    public string? Failure { get; init; }

    public long ErrorCount => Errors.Values.Sum();

    /// <summary>
    /// What makes this size fail the report: a failure, a failed storage check, a restart that could not be measured, nothing acknowledged;
    /// null otherwise. Errors, and sensors not back after a restart, are reported, not judged here.
    /// </summary>
    public string? Problem
    {
        get
        {
            var reasons = new List<string>();
            if (Failure is not null)
            {
                reasons.Add("failed: " + Failure);
            }

            if (Storage is { Passed: false } storage)
            {
                reasons.Add("storage check failed: " + storage.Detail);
            }

            if (Storm?.Failure is { } storm)
            {
                reasons.Add("restart: " + storm);
            }

            if (ReadingsAcked == 0)
            {
                reasons.Add("no readings acknowledged in the measured window");
            }

            return reasons.Count == 0 ? null : string.Join("; ", reasons);
        }
    }
}
