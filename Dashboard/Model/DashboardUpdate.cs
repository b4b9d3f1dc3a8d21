namespace Ingest.Dashboard.Model;

/// <summary>One message of the aggregate stream, in the dashboard's own terms.</summary>
internal abstract record DashboardUpdate;
