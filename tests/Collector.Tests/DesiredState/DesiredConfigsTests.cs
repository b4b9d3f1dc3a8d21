using Ingest.Collector.Aggregation;
using Ingest.Collector.Control;
using Ingest.Collector.DesiredState;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Settings;
using Ingest.Collector.Subscriptions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.DesiredState;

public sealed class DesiredConfigsTests : IDisposable
{
    private readonly HeldConfigStore _store = new();
    private readonly DesiredConfigs _desired;

    public DesiredConfigsTests()
    {
        _desired = new DesiredConfigs(
            _store,
            [new ControlSessions(), new SubscriptionHub(Options.Create(new AggregationOptions()))],
            Options.Create(new IngestionOptions()),
            TimeProvider.System,
            NullLogger<DesiredConfigs>.Instance);
    }

    public void Dispose() => _desired.Dispose();

    [Fact]
    public async Task ObserveAsync_ManySensorsAtOnce_ArePersistedInOneTransactionWithOneVersion()
    {
        await _desired.LoadAsync(new ControlOptions(), CancellationToken.None);
        var first = _desired.ObserveAsync("first", "k", CancellationToken.None);
        await _store.FirstSaveStarted;

        // While the first sensor's transaction is on its way to disk, 99 more arrive.
        var others = Enumerable.Range(0, 99).Select(i => _desired.ObserveAsync($"s-{i}", "k", CancellationToken.None)).ToList();
        await Eventually.UntilAsync(() => _store.Saves == 1 && others.All(o => !o.IsCompleted), "the others wait for the first transaction");
        _store.Release();
        var configs = await Task.WhenAll(others);

        Assert.Equal(1, (await first).Version);
        Assert.Equal([1, 99], _store.SaveSizes);

        // Sensors first seen take the current version: no new number per group of them.
        Assert.All(configs, c => Assert.Equal(1, c.Version));
        Assert.Equal(1, _desired.Version);
    }

    [Fact]
    public async Task ObserveAsync_KnownSensorSameKind_NeedsNoWrite()
    {
        _store.Release();
        await _desired.LoadAsync(new ControlOptions(), CancellationToken.None);
        var known = await _desired.ObserveAsync("a", "k", CancellationToken.None);

        var again = await _desired.ObserveAsync("a", "", CancellationToken.None);

        Assert.Same(known, again);
        Assert.Equal([1], _store.SaveSizes);
    }

    /// <summary>A store in memory whose first sensor write waits until the test releases it.</summary>
    private sealed class HeldConfigStore : IConfigStore
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<int> _sizes = [];

        public Task FirstSaveStarted => _started.Task;

        public int Saves
        {
            get
            {
                lock (_sizes)
                {
                    return _sizes.Count;
                }
            }
        }

        public int[] SaveSizes
        {
            get
            {
                lock (_sizes)
                {
                    return [.. _sizes];
                }
            }
        }

        public void Release() => _released.TrySetResult();

        public Task<ConfigStoreContents> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(new ConfigStoreContents([], []));

        public Task SaveOverrideAsync(OverrideScope scope, IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken) =>
            Task.CompletedTask;

        public Task WatchAsync(Func<CancellationToken, Task> changed, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task SaveSensorsAsync(IReadOnlyCollection<SensorConfigRecord> sensors, CancellationToken cancellationToken)
        {
            lock (_sizes)
            {
                _sizes.Add(sensors.Count);
            }

            _started.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
