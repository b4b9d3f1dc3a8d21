using Ingest.SensorSimulator.Model;


namespace Ingest.SensorSimulator.Spool;

/// <summary>One record read back from a segment, with where it lies in the file.</summary>
/// <param name="Kind">What the record says.</param>
/// <param name="SensorId">The sensor it is about.</param>
/// <param name="Sequence">The batch sequence (or, for <see cref="SpoolRecordKind.HighWater"/>, the highest sealed).</param>
/// <param name="Batch">The batch, for <see cref="SpoolRecordKind.Batch"/> records; null otherwise.</param>
/// <param name="ReadingCount">
/// The batch's readings, for <see cref="SpoolRecordKind.Batch"/> and <see cref="SpoolRecordKind.SealedCount"/> records; 0 otherwise.
/// </param>
/// <param name="Offset">The record's first byte in the segment file.</param>
/// <param name="Length">The record's bytes, header included.</param>
internal sealed record SpoolRecord(
    SpoolRecordKind Kind, string SensorId, ulong Sequence, SealedBatch? Batch, int ReadingCount, long Offset, int Length);
