using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Admin;

/// <summary>
/// The collector's Admin service as <c>config …</c> uses it: overrides and the sensors' configuration. Each call throws
/// the gRPC <c>RpcException</c> when it fails, with <c>DeadlineExceeded</c> when its <c>timeout</c> passes first.
/// </summary>
internal interface ISensorConfigAdmin
{
    /// <summary>Merges <paramref name="settings"/> into the override of <paramref name="scope"/>.</summary>
    Task<OverrideResult> SetOverrideAsync(
        ConfigScope scope, IReadOnlyDictionary<string, string> settings, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="settings"/> from the override of <paramref name="scope"/>; all of it when empty.</summary>
    Task<OverrideResult> RemoveOverrideAsync(
        ConfigScope scope, IReadOnlyList<string> settings, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>One sensor's configuration, with the overrides that apply to it; <c>NotFound</c> for a sensor never seen.</summary>
    Task<SensorConfiguration> GetSensorAsync(string sensorId, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The sensors <paramref name="filter"/> matches (ids with <c>*</c> wildcards, kinds), ordered by id.</summary>
    Task<IReadOnlyList<SensorConfiguration>> ListSensorsAsync(SensorFilter filter, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Every override: all first, then kinds, then sensors, each by name.</summary>
    Task<IReadOnlyList<ConfigOverride>> ListOverridesAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
