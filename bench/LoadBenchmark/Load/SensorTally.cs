using Grpc.Core;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Storage;
using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// What one sensor task saw during a run: acknowledgements (inside the measured window and in all), the
/// highest sequence acknowledged, duplicates, rejects and gaps the collector reported, RPC errors by
/// status, and, for acks that arrived inside the window, the latency of every batch they cover (from the
/// batch's write to the ack) and of every stream (from completing it to the ack). Owned by one task;
/// merged into <see cref="RunTotals"/> when the run ends.
/// </summary>
internal sealed class SensorTally(string sensorId, RunWindow window, TimeProvider time)
{
    public string SensorId { get; } = sensorId;

    public long ReadingsInWindow { get; private set; }

    public long BatchesInWindow { get; private set; }

    public long ReadingsAcked { get; private set; }

    public long BatchesAcked { get; private set; }

    /// <summary>The highest <c>committed_sequence</c> of the acks so far (0 before the first).</summary>
    public long AckedSequence { get; private set; }

    public long DuplicateBatches { get; private set; }

    public long RejectedBatches { get; private set; }

    public long Gaps { get; private set; }

    public Dictionary<StatusCode, long> Errors { get; } = [];

    /// <summary>Per batch (per call for naive): from the batch's write to the ack that covers it.</summary>
    public LatencyHistogram BatchLatency { get; } = new();

    /// <summary>Per stream: from completing the request stream to its ack (not for naive, whose call has no stream).</summary>
    public LatencyHistogram CompletionToAck { get; } = new();

    /// <summary>What this sensor's acks add up to, for the storage check.</summary>
    public SensorAcks Acks => new(SensorId, AckedSequence, ReadingsAcked);

    /// <summary>
    /// Counts an acknowledgement that arrived at <paramref name="arrived"/>, covering the batches written at
    /// <paramref name="writtenAt"/>, of a stream completed at <paramref name="completedAt"/> (null for a unary call);
    /// all <see cref="TimeProvider.GetTimestamp"/> values.
    /// </summary>
    public void Acknowledged(UploadAck ack, long arrived, ReadOnlySpan<long> writtenAt, long? completedAt)
    {
        ArgumentNullException.ThrowIfNull(ack);
        ReadingsAcked += (long)ack.ReadingsCommitted;
        BatchesAcked += (long)ack.BatchesCommitted;
        AckedSequence = Math.Max(AckedSequence, (long)ack.CommittedSequence);
        DuplicateBatches += (long)ack.DuplicateBatches;
        RejectedBatches += ack.Rejected.Count;
        Gaps += ack.Gaps.Count;
        if (!window.Contains(arrived))
        {
            return;
        }

        ReadingsInWindow += (long)ack.ReadingsCommitted;
        BatchesInWindow += (long)ack.BatchesCommitted;
        foreach (var written in writtenAt)
        {
            BatchLatency.Record(time.GetElapsedTime(written, arrived));
        }

        if (completedAt is { } completed && writtenAt.Length > 0)
        {
            CompletionToAck.Record(time.GetElapsedTime(completed, arrived));
        }
    }

    public void Failed(StatusCode status) => Errors[status] = Errors.GetValueOrDefault(status) + 1;
}
