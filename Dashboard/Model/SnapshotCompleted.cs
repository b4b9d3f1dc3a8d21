namespace Ingest.Dashboard.Model;

/// <summary>Every matching sensor's state has been sent once; only changes follow.</summary>
internal sealed record SnapshotCompleted(uint SensorCount) : DashboardUpdate;
