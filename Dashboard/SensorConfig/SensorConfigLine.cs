using System.Text.Json.Serialization;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>
/// A sensor's configuration in JSON, as <c>config list --json</c> and <c>config show --json</c> print it.
/// <see cref="State"/> is <c>in_sync</c>, <c>pending</c>, <c>rejected</c> or <c>unknown</c>; <see cref="Paused"/> is
/// true when its last status said sampling is paused or disabled; <see cref="Overrides"/> only from <c>config show</c>.
/// </summary>
internal sealed record SensorConfigLine(
    string SensorId,
    string Kind,
    ulong DesiredVersion,
    string DesiredHash,
    ulong ReportedVersion,
    string ReportedHash,
    string State,
    string RejectionReason,
    bool Connected,
    DateTime? LastSeen,
    bool Paused,
    SettingsLine? Desired,
    StatusLine? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OverrideLine>? Overrides);
