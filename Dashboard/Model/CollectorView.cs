namespace Ingest.Dashboard.Model;

/// <summary>One collector of several, as the header shows it: how the dashboard's stream to it stands, and its own totals.</summary>
internal sealed record CollectorView(ConnectionState Connection, CollectorTotals? Totals);
