using Ingest.Dashboard.Admin;

namespace Ingest.Dashboard.CommandLine;

/// <summary>What <c>config set</c> was asked for.</summary>
/// <param name="Scope">The override to merge the settings into.</param>
/// <param name="Settings">Setting names and values, in the order given.</param>
/// <param name="Wait">Wait until every affected sensor has acknowledged or rejected the new version.</param>
internal sealed record ConfigSetRequest(
    ConfigScope Scope, IReadOnlyDictionary<string, string> Settings, bool Wait, IReadOnlyList<Uri> Collectors, TimeSpan Timeout)
    : AdminRequest(Collectors, Timeout)
{
    /// <summary>How long <c>--wait</c> waits when <c>--timeout</c> is not given.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);
}
