using Grpc.Core;
using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// What one sensor task saw during a run: acknowledgements (inside the measured window and in all),
/// duplicates and rejects the collector reported, RPC errors by status, and ack latencies inside the
/// window. Owned by one task; merged into <see cref="RunTotals"/> when the run ends.
/// </summary>
internal sealed class SensorTally(RunWindow window)
{
    public long ReadingsInWindow { get; private set; }

    public long BatchesInWindow { get; private set; }

    public long ReadingsAcked { get; private set; }

    public long BatchesAcked { get; private set; }

    public long DuplicateBatches { get; private set; }

    public long RejectedBatches { get; private set; }

    public long Gaps { get; private set; }

    public Dictionary<StatusCode, long> Errors { get; } = [];

    /// <summary>Ack latencies, in milliseconds, of acknowledgements that arrived inside the window.</summary>
    public List<double> LatenciesMs { get; } = [];

    /// <summary>Counts an acknowledgement that arrived at <paramref name="arrived"/> after <paramref name="latency"/>.</summary>
    public void Acknowledged(UploadAck ack, long arrived, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(ack);
        ReadingsAcked += (long)ack.ReadingsCommitted;
        BatchesAcked += (long)ack.BatchesCommitted;
        DuplicateBatches += (long)ack.DuplicateBatches;
        RejectedBatches += ack.Rejected.Count;
        Gaps += ack.Gaps.Count;
        if (window.Contains(arrived))
        {
            ReadingsInWindow += (long)ack.ReadingsCommitted;
            BatchesInWindow += (long)ack.BatchesCommitted;
            LatenciesMs.Add(latency.TotalMilliseconds);
        }
    }

    public void Failed(StatusCode status) => Errors[status] = Errors.GetValueOrDefault(status) + 1;
}
