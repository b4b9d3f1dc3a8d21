namespace Ingest.Dashboard.CommandLine;

/// <summary>What <c>config overrides</c> was asked for.</summary>
/// <param name="Json">Write one JSON object per override instead of a table.</param>
internal sealed record ConfigOverridesRequest(bool Json, IReadOnlyList<Uri> Collectors, TimeSpan Timeout)
    : AdminRequest(Collectors, Timeout);
