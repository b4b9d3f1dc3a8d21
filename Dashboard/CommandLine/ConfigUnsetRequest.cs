using Ingest.Dashboard.Admin;

namespace Ingest.Dashboard.CommandLine;

/// <summary>What <c>config unset</c> was asked for.</summary>
/// <param name="Scope">The override to remove settings from.</param>
/// <param name="Settings">The setting names to remove; empty removes the whole override.</param>
internal sealed record ConfigUnsetRequest(ConfigScope Scope, IReadOnlyList<string> Settings, IReadOnlyList<Uri> Collectors, TimeSpan Timeout)
    : AdminRequest(Collectors, Timeout);
