namespace Ingest.Dashboard.CommandLine;

/// <summary>What <c>config show</c> was asked for.</summary>
/// <param name="SensorId">The sensor to show.</param>
/// <param name="Json">Print one JSON object instead of text.</param>
internal sealed record ConfigShowRequest(string SensorId, bool Json, IReadOnlyList<Uri> Collectors, TimeSpan Timeout)
    : AdminRequest(Collectors, Timeout);
