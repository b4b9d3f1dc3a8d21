namespace Ingest.Collector.SensorConfig;

/// <summary>The durable side of the desired configuration: overrides and the versions given to sensors.</summary>
internal interface IConfigStore : IAsyncDisposable
{
    /// <summary>Opens the store (creating or upgrading the schema) and reads the overrides and the known sensors.</summary>
    Task<ConfigStoreContents> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the override of <paramref name="scope"/> with <paramref name="settings"/> (none removes it) and
    /// writes <paramref name="sensors"/>' new versions, in one durable transaction.
    /// </summary>
    Task SaveOverrideAsync(OverrideScope scope, IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken);

    /// <summary>Writes sensors first seen, or whose kind or version changed, in one durable transaction.</summary>
    Task SaveSensorsAsync(IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="changed"/> each time another collector sharing the store has saved a change, one call at a
    /// time, until <paramref name="cancellationToken"/> is cancelled; also once after the watch was interrupted (a lost
    /// connection), since changes may have been missed meanwhile. A store no other collector shares returns at once.
    /// </summary>
    Task WatchAsync(Func<CancellationToken, Task> changed, CancellationToken cancellationToken);
}
