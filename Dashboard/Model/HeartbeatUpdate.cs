namespace Ingest.Dashboard.Model;

/// <summary>Nothing changed for the collector's heartbeat interval; the stream is alive.</summary>
internal sealed record HeartbeatUpdate(DateTimeOffset At) : DashboardUpdate;
