namespace Ingest.Collector.Feed;

/// <summary>The batches of one sensor the commit pipeline rejected since a consumer last took them, coalesced.</summary>
/// <param name="Batches">How many were rejected.</param>
/// <param name="LatestReason">Why the latest of them was rejected.</param>
internal readonly record struct RejectedBatches(string SensorId, long Batches, string LatestReason);
