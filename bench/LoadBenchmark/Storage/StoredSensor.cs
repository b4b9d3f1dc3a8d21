namespace Ingest.LoadBenchmark.Storage;

/// <summary>
/// What a collector's <c>chunks</c> table holds for one sensor: its sequences' range, rows, distinct sequences
/// and readings, and the readings of the sequences up to the one acknowledged to it.
/// </summary>
internal sealed record StoredSensor(string SensorId, long MinSequence, long MaxSequence, long Chunks, long DistinctSequences, long Readings, long ReadingsUpToAcked);
