using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Reporting;

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

    /// <summary>
    /// Ack latency per batch, from its write to the ack of its stream: the first of a stream's
    /// <see cref="ScaleSensor.WindowBatches"/> one-second batches waits about 4 s for it, as it would for a sensor so configured.
    /// </summary>
    public LatencySummary Latency { get; init; } = LatencySummary.None;

    /// <summary>Per stream, from completing the request stream to its ack.</summary>
    public LatencySummary CompletionToAck { get; init; } = LatencySummary.None;

    /// <summary>
    /// The collector's and the benchmark's CPU and memory over the measured interval; the collector's peak resident
    /// memory includes start-up and connecting.
    /// </summary>
    public ProcessFigures Process { get; init; } = ProcessFigures.None;

    /// <summary>RPC errors by status name, over the whole run (connecting included).</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Control streams that ended before the benchmark closed them.</summary>
    public long ControlStreamsEnded { get; init; }

    /// <summary>Configuration updates received and acknowledged as applied.</summary>
    public long ConfigUpdatesApplied { get; init; }

    public long DuplicateBatches { get; init; }

    public long RejectedBatches { get; init; }

    /// <summary>Why the run could not be done or finished badly (the collector exited, sensors did not stop); null when it ran.</summary>
    public string? Failure { get; init; }

    /// <summary>The end of the collector's log when it exited during the run; empty otherwise.</summary>
    public IReadOnlyList<string> CollectorLogTail { get; init; } = [];

    public long ErrorCount => Errors.Values.Sum() + DuplicateBatches + RejectedBatches + ControlStreamsEnded + (Failure is null ? 0 : 1);

    /// <summary>Why the figures cannot support the verdict at all: the run failed or acknowledged nothing; null otherwise.</summary>
    public string? NotMeasuredBecause
    {
        get
        {
            var reasons = new List<string>();
            if (Failure is not null)
            {
                reasons.Add("failed: " + Failure);
            }

            if (ReadingsAcked == 0)
            {
                reasons.Add("no readings acknowledged in the measured interval");
            }

            return reasons.Count == 0 ? null : string.Join("; ", reasons);
        }
    }

    /// <summary>What makes the report fail: <see cref="NotMeasuredBecause"/>, or errors (which the target itself also forbids); null when neither.</summary>
    public string? Problem
    {
        get
        {
            var errors = ErrorText.Parts(Errors, DuplicateBatches, RejectedBatches, 0).ToList();
            if (ControlStreamsEnded > 0)
            {
                errors.Add($"control streams ended ×{ControlStreamsEnded:N0}");
            }

            var reasons = new[] { NotMeasuredBecause, errors.Count > 0 ? "errors: " + string.Join(", ", errors) : null }.OfType<string>().ToList();
            return reasons.Count == 0 ? null : string.Join("; ", reasons);
        }
    }
}
