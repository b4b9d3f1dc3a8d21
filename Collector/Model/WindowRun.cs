namespace Ingest.Collector.Model;

/// <summary>
/// What consecutive readings of a time-ordered batch that fall in one tumbling window contribute to it:
/// the window's start, how many readings, their sum, minimum and maximum, and the value and time of the
/// last of them (the latest, since the batch is time-ordered).
/// </summary>
internal readonly record struct WindowRun(long StartMicros, int Count, double Sum, double Min, double Max, double Last, long LastTimestampMicros);
