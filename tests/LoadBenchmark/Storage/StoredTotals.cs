namespace Ingest.LoadBenchmark.Storage;

/// <summary>What a collector's database holds: readings, chunk rows, and distinct (sensor, sequence) keys among them.</summary>
internal sealed record StoredTotals(long Readings, long Chunks, long DistinctChunks);
