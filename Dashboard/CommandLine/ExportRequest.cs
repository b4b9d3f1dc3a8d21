namespace Ingest.Dashboard.CommandLine;

/// <summary>What <c>export</c> was asked for.</summary>
/// <param name="SensorId">The sensor whose readings are exported.</param>
/// <param name="From">The first instant included.</param>
/// <param name="To">The first instant excluded.</param>
/// <param name="OutputPath">The CSV file to write; null for standard output.</param>
/// <param name="Collectors">The collectors' addresses when given on the command line (<c>--collector</c>, repeated or comma-separated); empty for the settings.</param>
internal sealed record ExportRequest(string SensorId, TimeArgument From, TimeArgument To, string? OutputPath, IReadOnlyList<Uri> Collectors)
{
    /// <summary>The key to present when given with <c>--key</c>; else the setting.</summary>
    public string? Key { get; init; }
}
