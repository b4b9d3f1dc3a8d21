using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.CommandLine;

/// <summary>What <c>config list</c> was asked for.</summary>
/// <param name="Filter">Which sensors to list; empty lists every sensor.</param>
/// <param name="Json">Write one JSON object per sensor instead of a table.</param>
internal sealed record ConfigListRequest(SensorFilter Filter, bool Json, IReadOnlyList<Uri> Collectors, TimeSpan Timeout)
    : AdminRequest(Collectors, Timeout);
