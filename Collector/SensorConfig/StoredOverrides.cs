using System.Collections.Immutable;

namespace Ingest.Collector.SensorConfig;

/// <summary>
/// The rows of <c>config_overrides</c> (one per scope, target and setting) gathered into one
/// <see cref="SettingsOverride"/> per scope, whichever engine they were read from. Rows of a scope this collector does
/// not know are passed over.
/// </summary>
internal sealed class StoredOverrides
{
    private readonly Dictionary<OverrideScope, (ImmutableSortedDictionary<string, string>.Builder Settings, long UpdatedMs)> _rows = [];

    public void Add(string scope, string target, string setting, string value, long updatedMs)
    {
        if (OverrideScope.FromStored(scope, target) is not { } known)
        {
            return;
        }

        if (!_rows.TryGetValue(known, out var entry))
        {
            entry = (ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal), 0);
        }

        entry.Settings[setting] = value;
        _rows[known] = (entry.Settings, Math.Max(entry.UpdatedMs, updatedMs));
    }

    public List<SettingsOverride> ToList() =>
        [.. _rows.Select(row => new SettingsOverride(row.Key, row.Value.Settings.ToImmutable(), DateTimeOffset.FromUnixTimeMilliseconds(row.Value.UpdatedMs)))];
}
