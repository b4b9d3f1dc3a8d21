namespace Ingest.Dashboard.Model;

/// <summary>A sensor's latest window closed, was updated by late readings, or its liveness changed.</summary>
internal sealed record WindowUpdate(WindowAggregate Aggregate) : DashboardUpdate;
