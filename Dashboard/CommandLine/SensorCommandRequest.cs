using Ingest.Dashboard.Admin;

namespace Ingest.Dashboard.CommandLine;

/// <summary>What <c>command pause|resume|flush</c> was asked for.</summary>
/// <param name="Command">What to tell the sensors.</param>
/// <param name="Scope">Which sensors to tell.</param>
internal sealed record SensorCommandRequest(SensorCommandKind Command, ConfigScope Scope, IReadOnlyList<Uri> Collectors, TimeSpan Timeout)
    : AdminRequest(Collectors, Timeout);
