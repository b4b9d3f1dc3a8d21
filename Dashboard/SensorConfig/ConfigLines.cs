using System.Text.Json;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>The JSON lines of the <c>config</c> commands.</summary>
internal static class ConfigLines
{
    /// <summary><paramref name="sensor"/> as one line of JSON, with the overrides that apply when <paramref name="withOverrides"/>.</summary>
    public static string Format(SensorConfiguration sensor, bool withOverrides)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var line = new SensorConfigLine(
            sensor.SensorId,
            sensor.Kind,
            sensor.DesiredVersion,
            sensor.DesiredHash,
            sensor.ReportedVersion,
            sensor.ReportedHash,
            ConfigStateNames.Name(sensor.State),
            sensor.RejectionReason,
            sensor.Connected,
            sensor.LastSeen?.UtcDateTime,
            sensor.Paused,
            sensor.Desired is { } d
                ? new SettingsLine(d.SamplingInterval, d.BatchSize, d.BatchMaxAge, d.UploadWindowBatches, d.UploadWindowDuration, d.Enabled, d.StatusInterval)
                : null,
            sensor.Status is { } s
                ? new StatusLine(s.At.UtcDateTime, s.BufferFill, s.DroppedReadings, s.ReadingsPerSecond, s.Paused, s.Disabled, s.SampledReadings)
                : null,
            withOverrides ? sensor.Overrides.Select(ToLine).ToArray() : null);
        return JsonSerializer.Serialize(line, ConfigJsonContext.Default.SensorConfigLine);
    }

    /// <summary><paramref name="configOverride"/> as one line of JSON.</summary>
    public static string Format(ConfigOverride configOverride) =>
        JsonSerializer.Serialize(ToLine(configOverride), ConfigJsonContext.Default.OverrideLine);

    private static OverrideLine ToLine(ConfigOverride configOverride)
    {
        ArgumentNullException.ThrowIfNull(configOverride);
        var scope = configOverride.Scope;
        return new OverrideLine(
            scope.LevelName,
            scope.Level == ScopeLevel.All ? null : scope.Target,
            configOverride.Settings,
            configOverride.UpdatedAt?.UtcDateTime);
    }
}
