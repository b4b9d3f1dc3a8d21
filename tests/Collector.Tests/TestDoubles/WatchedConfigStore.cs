using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.Tests.TestDoubles;

/// <summary>The real config store, telling whether an override change is being written right now.</summary>
internal sealed class WatchedConfigStore(IConfigStore inner) : IConfigStore
{
    private volatile bool _savingOverride;

    /// <summary>True from the start of <see cref="SaveOverrideAsync"/> until the store has written all of it.</summary>
    public bool SavingOverride => _savingOverride;

    public Task<ConfigStoreContents> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

    public async Task SaveOverrideAsync(
        OverrideScope scope, IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken)
    {
        _savingOverride = true;
        try
        {
            await inner.SaveOverrideAsync(scope, settings, sensors, cancellationToken);
        }
        finally
        {
            _savingOverride = false;
        }
    }

    public Task SaveSensorsAsync(IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken) =>
        inner.SaveSensorsAsync(sensors, cancellationToken);

    public Task WatchAsync(Func<CancellationToken, Task> changed, CancellationToken cancellationToken) => inner.WatchAsync(changed, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
