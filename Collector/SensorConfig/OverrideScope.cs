namespace Ingest.Collector.SensorConfig;

/// <summary>Which sensors an override applies to: all, one kind, or one sensor (<see cref="Target"/> is empty for all).</summary>
internal readonly record struct OverrideScope(OverrideScopeKind Kind, string Target)
{
    public static OverrideScope All { get; } = new(OverrideScopeKind.All, "");

    public static OverrideScope ForKind(string kind) => new(OverrideScopeKind.Kind, kind);

    public static OverrideScope ForSensor(string sensorId) => new(OverrideScopeKind.Sensor, sensorId);

    /// <summary>The scope as stored in <c>config_overrides.scope</c>: all, kind or sensor.</summary>
    public string StoredName => Kind switch
    {
        OverrideScopeKind.All => "all",
        OverrideScopeKind.Kind => "kind",
        _ => "sensor",
    };

    /// <summary>Reads a stored scope; null for a name this collector does not know.</summary>
    public static OverrideScope? FromStored(string scope, string target) => scope switch
    {
        "all" => All,
        "kind" => ForKind(target),
        "sensor" => ForSensor(target),
        _ => null,
    };

    /// <summary>Whether the scope covers a sensor with this id and kind.</summary>
    public bool Covers(string sensorId, string kind) => Kind switch
    {
        OverrideScopeKind.All => true,
        OverrideScopeKind.Kind => string.Equals(Target, kind, StringComparison.Ordinal),
        _ => string.Equals(Target, sensorId, StringComparison.Ordinal),
    };

    public override string ToString() => Kind switch
    {
        OverrideScopeKind.All => "all sensors",
        OverrideScopeKind.Kind => $"kind {Target}",
        _ => $"sensor {Target}",
    };
}
