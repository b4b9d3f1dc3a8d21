using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.DesiredState;

/// <summary>
/// Resolves a sensor's desired configuration setting by setting, taking the first that sets it of: its
/// sensor override, its kind's override, the override for all, the settings for its kind, the defaults.
/// A value that no longer fits the bounds (e.g. after MaxReadingsPerBatch was lowered) is passed over.
/// </summary>
internal static class ConfigResolver
{
    public static SensorConfigValues Resolve(string sensorId, string kind, OverrideSet overrides, ControlOptions settings, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(settings);

        // Applied from the most general to the most specific, so the most specific that sets a value wins.
        var config = settings.Defaults.ToValues();
        if (kind.Length > 0 && FindKind(settings, kind) is { } kindSettings)
        {
            config = Apply(config, kindSettings, maxBatchSize);
        }

        foreach (var entry in overrides.ApplyingTo(sensorId, kind))
        {
            config = Apply(config, entry.Settings, maxBatchSize);
        }

        return config;
    }

    private static Dictionary<string, string>? FindKind(ControlOptions settings, string kind)
    {
        if (settings.Kinds.TryGetValue(kind, out var exact))
        {
            return exact;
        }

        // Configuration keys are case-insensitive, so the settings file's kinds are too.
        foreach (var (name, values) in settings.Kinds)
        {
            if (string.Equals(name, kind, StringComparison.OrdinalIgnoreCase))
            {
                return values;
            }
        }

        return null;
    }

    private static SensorConfigValues Apply(SensorConfigValues config, IEnumerable<KeyValuePair<string, string>> layer, int maxBatchSize)
    {
        foreach (var (name, value) in layer)
        {
            if (SettingsParser.TryApply(config, name, value ?? "", maxBatchSize, out var applied) is null)
            {
                config = applied;
            }
        }

        return config;
    }
}
