using System.Collections.Immutable;
using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.DesiredState;

/// <summary>Every override in force, immutable: the one for all sensors, those per kind and those per sensor.</summary>
internal sealed class OverrideSet
{
    private OverrideSet(SettingsOverride? all, ImmutableDictionary<string, SettingsOverride> kinds, ImmutableDictionary<string, SettingsOverride> sensors)
    {
        (All, Kinds, Sensors) = (all, kinds, sensors);
    }

    public static OverrideSet Empty { get; } = new(null, ImmutableDictionary.Create<string, SettingsOverride>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, SettingsOverride>(StringComparer.Ordinal));

    public SettingsOverride? All { get; }

    public ImmutableDictionary<string, SettingsOverride> Kinds { get; }

    public ImmutableDictionary<string, SettingsOverride> Sensors { get; }

    public int Count => (All is null ? 0 : 1) + Kinds.Count + Sensors.Count;

    public static OverrideSet From(IEnumerable<SettingsOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return overrides.Aggregate(Empty, (set, entry) => set.With(entry.Scope, entry));
    }

    public SettingsOverride? Get(OverrideScope scope) => scope.Kind switch
    {
        OverrideScopeKind.All => All,
        OverrideScopeKind.Kind => Kinds.GetValueOrDefault(scope.Target),
        _ => Sensors.GetValueOrDefault(scope.Target),
    };

    /// <summary>This set with the override of <paramref name="scope"/> replaced, or removed when <paramref name="entry"/> is null.</summary>
    public OverrideSet With(OverrideScope scope, SettingsOverride? entry) => scope.Kind switch
    {
        OverrideScopeKind.All => new OverrideSet(entry, Kinds, Sensors),
        OverrideScopeKind.Kind => new OverrideSet(All, entry is null ? Kinds.Remove(scope.Target) : Kinds.SetItem(scope.Target, entry), Sensors),
        _ => new OverrideSet(All, Kinds, entry is null ? Sensors.Remove(scope.Target) : Sensors.SetItem(scope.Target, entry)),
    };

    /// <summary>The overrides that apply to a sensor, most general first: all, kind, sensor.</summary>
    public IReadOnlyList<SettingsOverride> ApplyingTo(string sensorId, string kind)
    {
        var applying = new List<SettingsOverride>(3);
        if (All is { } all)
        {
            applying.Add(all);
        }

        if (kind.Length > 0 && Kinds.TryGetValue(kind, out var byKind))
        {
            applying.Add(byKind);
        }

        if (Sensors.TryGetValue(sensorId, out var bySensor))
        {
            applying.Add(bySensor);
        }

        return applying;
    }

    /// <summary>Every override: the one for all first, then kinds, then sensors, each by name.</summary>
    public IEnumerable<SettingsOverride> Ordered()
    {
        if (All is { } all)
        {
            yield return all;
        }

        foreach (var entry in Kinds.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            yield return entry.Value;
        }

        foreach (var entry in Sensors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            yield return entry.Value;
        }
    }
}
