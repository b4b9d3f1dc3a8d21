namespace Ingest.Collector.Query;

/// <summary>One stored reading: its timestamp in µs since the Unix epoch and its value.</summary>
internal readonly record struct StoredReading(long TimestampMicros, double Value);
