namespace Ingest.LoadBenchmark.Storage;

/// <summary>
/// What the collector acknowledged to one sensor over a whole run: the highest <c>committed_sequence</c> of
/// its acks and the readings they reported committed.
/// </summary>
internal sealed record SensorAcks(string SensorId, long AckedSequence, long ReadingsAcked);
