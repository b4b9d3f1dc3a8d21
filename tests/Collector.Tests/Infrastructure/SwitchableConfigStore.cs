using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>The real config store, with a switch that makes every write fail as a broken disk would.</summary>
internal sealed class SwitchableConfigStore(IConfigStore inner) : IConfigStore
{
    public volatile bool Failing;

    public Task<ConfigStoreContents> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

    public Task SaveOverrideAsync(OverrideScope scope, IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken) =>
        Failing ? Task.FromException(new IOException("disk I/O error (injected)")) : inner.SaveOverrideAsync(scope, settings, sensors, cancellationToken);

    public Task SaveSensorsAsync(IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken) =>
        Failing ? Task.FromException(new IOException("disk I/O error (injected)")) : inner.SaveSensorsAsync(sensors, cancellationToken);

    public Task WatchAsync(Func<CancellationToken, Task> changed, CancellationToken cancellationToken) => inner.WatchAsync(changed, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
