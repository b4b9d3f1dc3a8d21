namespace Ingest.SensorSimulator.Uploading;

/// <summary>What the collector did with one upload stream.</summary>
/// <param name="CommittedSequence">The highest sequence settled for the sensor after the stream.</param>
/// <param name="BatchesCommitted">Batches stored by this stream.</param>
/// <param name="DuplicateBatches">Batches already stored earlier.</param>
/// <param name="RejectedSequences">Sequences of the batches rejected as invalid.</param>
/// <param name="FirstRejectReason">The reason given for the first rejected batch; empty when none.</param>
/// <param name="GapBatches">Batches the collector recorded as lost, in the gaps it reported.</param>
internal sealed record UploadAckResult(
    ulong CommittedSequence,
    ulong BatchesCommitted,
    ulong DuplicateBatches,
    IReadOnlySet<ulong> RejectedSequences,
    string FirstRejectReason,
    ulong GapBatches);
