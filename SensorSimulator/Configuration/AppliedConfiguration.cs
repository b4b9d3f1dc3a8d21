namespace Ingest.SensorSimulator.Configuration;

/// <summary>The settings a sensor runs and where they came from.</summary>
/// <param name="Settings">The settings.</param>
/// <param name="Version">The collector's version of them; 0 for the start-up settings.</param>
/// <param name="Hash">The collector's hash of them; empty for the start-up settings.</param>
internal sealed record AppliedConfiguration(SensorConfigValues Settings, ulong Version, string Hash)
{
    /// <summary>The start-up settings: version 0, no hash.</summary>
    public static AppliedConfiguration StartUp(SensorConfigValues settings) => new(settings, 0, "");
}
