namespace Ingest.Dashboard.CommandLine;

/// <summary>A one-shot call of the collector's Admin service: <c>config …</c> or <c>command …</c>.</summary>
/// <param name="Collectors">The collectors' addresses when given on the command line (<c>--collector</c>, repeated or comma-separated); empty for the settings.</param>
/// <param name="Timeout">How long the collector may take to answer (and, for <c>config set --wait</c>, the sensors).</param>
internal abstract record AdminRequest(IReadOnlyList<Uri> Collectors, TimeSpan Timeout)
{
    /// <summary>The deadline of an Admin call when <c>--timeout</c> is not given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The key to present when given with <c>--key</c>; else the setting.</summary>
    public string? Key { get; init; }
}
