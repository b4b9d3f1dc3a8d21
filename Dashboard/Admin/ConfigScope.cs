namespace Ingest.Dashboard.Admin;

/// <summary>Which sensors an override or a command applies to: one sensor, one kind, or all.</summary>
/// <param name="Level">All, a kind, or a sensor.</param>
/// <param name="Target">The kind or the sensor id; empty for all.</param>
internal sealed record ConfigScope(ScopeLevel Level, string Target)
{
    public static ConfigScope All { get; } = new(ScopeLevel.All, "");

    public static ConfigScope ForKind(string kind) => new(ScopeLevel.Kind, kind);

    public static ConfigScope ForSensor(string sensorId) => new(ScopeLevel.Sensor, sensorId);

    /// <summary><c>all</c>, <c>kind</c> or <c>sensor</c>, as JSON lines name the level.</summary>
    public string LevelName => Level switch
    {
        ScopeLevel.Kind => "kind",
        ScopeLevel.Sensor => "sensor",
        _ => "all",
    };

    /// <summary>For a person: <c>all sensors</c>, <c>kind temperature</c>, <c>sensor sim-1</c>.</summary>
    public override string ToString() => Level == ScopeLevel.All ? "all sensors" : $"{LevelName} {Target}";
}
