namespace Ingest.Dashboard.Export;

/// <summary>One stored reading: microseconds since the Unix epoch, and its value.</summary>
internal readonly record struct StoredReading(long TimestampMicros, double Value);
