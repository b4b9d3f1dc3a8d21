namespace Ingest.Collector.Sequencing;

/// <summary>Where a sensor stands: its highest settled sequence and the session its latest greeting opened.</summary>
/// <param name="Settled">The highest sequence settled (stored, rejected or recorded as lost); 0 when none.</param>
/// <param name="Session">The sensor's current session; 0 before its first greeting.</param>
internal readonly record struct SensorCursor(long Settled, long Session);
