namespace Ingest.Dashboard.Model;

/// <summary>The collector's totals changed.</summary>
internal sealed record StatisticsUpdate(CollectorTotals Totals) : DashboardUpdate;
