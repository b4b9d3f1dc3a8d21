using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Admin;

/// <summary>A sensor's desired and reported configuration, as the collector knows them.</summary>
/// <param name="SensorId">The sensor.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="DesiredVersion">The version the collector wants it to run.</param>
/// <param name="DesiredHash">The hash of the desired configuration's content.</param>
/// <param name="Desired">The desired configuration; null when the collector did not send it.</param>
/// <param name="ReportedVersion">The version the sensor last said it runs; 0 while it runs its own start-up settings.</param>
/// <param name="ReportedHash">The hash of what it runs.</param>
/// <param name="State">How the two compare.</param>
/// <param name="RejectionReason">Why the sensor rejected the desired version; empty unless it did.</param>
/// <param name="Connected">A control stream of the sensor is open.</param>
/// <param name="LastSeen">The last message on its control stream; null when none since the collector started.</param>
/// <param name="Status">Its last status report; null when none since the collector started.</param>
/// <param name="Overrides">The overrides that apply to it, most general first; only from a single sensor's lookup.</param>
internal sealed record SensorConfiguration(
    string SensorId,
    string Kind,
    ulong DesiredVersion,
    string DesiredHash,
    SensorConfigValues? Desired,
    ulong ReportedVersion,
    string ReportedHash,
    ConfigState State,
    string RejectionReason,
    bool Connected,
    DateTimeOffset? LastSeen,
    SensorReport? Status,
    IReadOnlyList<ConfigOverride> Overrides)
{
    /// <summary>Its last status said sampling is paused (by command) or disabled (by configuration).</summary>
    public bool Paused => Status is { Paused: true } or { Disabled: true };
}
