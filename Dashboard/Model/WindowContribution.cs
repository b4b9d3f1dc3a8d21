namespace Ingest.Dashboard.Model;

/// <summary>A collector's latest report of one window, and when it arrived (a counter: higher is later).</summary>
internal readonly record struct WindowContribution(WindowAggregate Aggregate, long Arrival);
