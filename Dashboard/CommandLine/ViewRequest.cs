using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.CommandLine;

/// <summary>What the dashboard's main command was asked to show, and how.</summary>
/// <param name="SensorPatterns">Sensor ids to show, <c>*</c> as a wildcard; empty means all.</param>
/// <param name="Kinds">Kinds to show; empty means all.</param>
/// <param name="Sort">How the sensors are ordered.</param>
/// <param name="Window">The window size to subscribe to; null means the collector's default.</param>
/// <param name="Collectors">The collectors' addresses when given on the command line (<c>--collector</c>, repeated or comma-separated); empty for the settings.</param>
/// <param name="Timeout">How long <c>--once</c> waits for the snapshot.</param>
/// <param name="Once">Print the snapshot once and exit.</param>
/// <param name="Json">Write JSON lines instead of a view.</param>
internal sealed record ViewRequest(
    IReadOnlyList<string> SensorPatterns,
    IReadOnlyList<string> Kinds,
    SortOrder Sort,
    TimeSpan? Window,
    IReadOnlyList<Uri> Collectors,
    TimeSpan Timeout,
    bool Once,
    bool Json)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public SensorFilter Filter => new(SensorPatterns, Kinds);

    /// <summary>The key to present when given with <c>--key</c>; else the setting.</summary>
    public string? Key { get; init; }
}
