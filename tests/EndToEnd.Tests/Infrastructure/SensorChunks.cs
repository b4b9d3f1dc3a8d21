namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>What the collector stored for one sensor.</summary>
internal sealed record SensorChunks(long Readings, long Chunks, long DistinctSequences, long MinSequence, long MaxSequence);
