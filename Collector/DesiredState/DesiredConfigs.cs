using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.DesiredState;

/// <summary>
/// Every known sensor's desired configuration, and the changes to it. Changes (an override set or removed,
/// a settings reload, sensors first seen or changing kind) happen one at a time: each recomputes the
/// affected sensors, gives those whose content changed the same new version (a sensor first seen takes the
/// current version), persists that together with the change, and only then publishes it and tells their
/// control streams and the subscribers. Reads never wait: they see the latest published state. Versions
/// never go down, across restarts too.
/// </summary>
internal sealed class DesiredConfigs : IDisposable
{
    /// <summary>Sensors waiting to be persisted as known, at most; more callers wait for room.</summary>
    public const int MaxPendingRegistrations = 16_384;

    private readonly ConcurrentDictionary<string, DesiredConfig> _sensors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changeGate = new(1, 1);
    private readonly Channel<SensorRegistration> _registrations = Channel.CreateBounded<SensorRegistration>(
        new BoundedChannelOptions(MaxPendingRegistrations) { FullMode = BoundedChannelFullMode.Wait });

    private readonly IConfigStore _store;
    private readonly IReadOnlyList<IConfigChangeListener> _listeners;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DesiredConfigs> _logger;
    private readonly int _maxBatchSize;
    private readonly CancellationTokenSource _disposed = new();
    private readonly CancellationToken _disposing;
    private OverrideSet _overrides = OverrideSet.Empty;
    private ControlOptions _settings = new();
    private long _version;

    public DesiredConfigs(
        IConfigStore store,
        IEnumerable<IConfigChangeListener> listeners,
        IOptions<IngestionOptions> ingestion,
        TimeProvider timeProvider,
        ILogger<DesiredConfigs> logger)
    {
        ArgumentNullException.ThrowIfNull(ingestion);
        (_store, _listeners, _timeProvider, _logger) = (store, [.. listeners], timeProvider, logger);
        _maxBatchSize = ingestion.Value.MaxReadingsPerBatch;
        _disposing = _disposed.Token;
    }

    /// <summary>The highest version ever given (and persisted).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The overrides in force.</summary>
    public OverrideSet Overrides => Volatile.Read(ref _overrides);

    /// <summary>The largest batch size a configuration may ask for (<c>Collector:Ingestion:MaxReadingsPerBatch</c>).</summary>
    public int MaxBatchSize => _maxBatchSize;

    /// <summary>Every known sensor's desired configuration, in no particular order.</summary>
    public ICollection<DesiredConfig> Sensors => _sensors.Values;

    public int Count => _sensors.Count;

    /// <summary>The desired configuration of a known sensor, or null.</summary>
    public DesiredConfig? Find(string sensorId) => _sensors.GetValueOrDefault(sensorId);

    /// <summary>
    /// Loads the overrides and known sensors, then applies <paramref name="settings"/>: sensors whose
    /// configuration changed while the collector was down get a new version.
    /// </summary>
    public async Task LoadAsync(ControlOptions settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var contents = await _store.LoadAsync(cancellationToken);
        await _changeGate.WaitAsync(cancellationToken);
        try
        {
            Volatile.Write(ref _overrides, OverrideSet.From(contents.Overrides));
            foreach (var sensor in contents.Sensors)
            {
                // The stored hash stands until the recomputation below compares it with today's content.
                var config = Resolve(sensor.SensorId, sensor.Kind, _overrides, settings);
                _sensors[sensor.SensorId] = new DesiredConfig(sensor.SensorId, sensor.Kind, sensor.Version, sensor.Hash, config);
            }

            Interlocked.Exchange(ref _version, contents.Sensors.Count == 0 ? 0 : contents.Sensors.Max(s => s.Version));
            var change = await ApplySettingsLockedAsync(settings, cancellationToken);
            CollectorLog.DesiredStateLoaded(_logger, _overrides.Count, _sensors.Count, Version, change.SensorsAffected);
        }
        finally
        {
            _changeGate.Release();
        }
    }

    /// <summary>
    /// Makes a sensor known, or records its new kind, and returns its desired configuration. Sensors first
    /// seen at about the same time are persisted together, in one transaction. Throws
    /// <see cref="StorageUnavailableException"/> when that fails.
    /// </summary>
    public async Task<DesiredConfig> ObserveAsync(string sensorId, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        ArgumentNullException.ThrowIfNull(kind);
        if (_sensors.TryGetValue(sensorId, out var known) && (kind.Length == 0 || string.Equals(known.Kind, kind, StringComparison.Ordinal)))
        {
            return known;
        }

        var registration = new SensorRegistration(sensorId, kind);
        await _registrations.Writer.WriteAsync(registration, cancellationToken);
        await _changeGate.WaitAsync(cancellationToken);
        try
        {
            // Whoever holds the gate takes every registration waiting: one transaction for all of them.
            await RegisterWaitingAsync();
        }
        finally
        {
            _changeGate.Release();
        }

        return await registration.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Merges <paramref name="settings"/> (canonical names and values) into the override of
    /// <paramref name="scope"/>. Throws <see cref="StorageUnavailableException"/>, changing nothing, when it cannot be persisted.
    /// </summary>
    public async Task<ConfigChange> SetOverrideAsync(OverrideScope scope, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await _changeGate.WaitAsync(cancellationToken);
        try
        {
            var existing = _overrides.Get(scope)?.Settings ?? ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
            var merged = existing.SetItems(settings);
            return await ChangeOverrideLockedAsync(scope, merged, cancellationToken);
        }
        finally
        {
            _changeGate.Release();
        }
    }

    /// <summary>
    /// Removes settings (canonical names; none means all) from the override of <paramref name="scope"/>;
    /// null when the scope has no override. Throws <see cref="StorageUnavailableException"/>, changing nothing, when it cannot be persisted.
    /// </summary>
    public async Task<ConfigChange?> RemoveOverrideAsync(OverrideScope scope, IReadOnlyCollection<string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await _changeGate.WaitAsync(cancellationToken);
        try
        {
            if (_overrides.Get(scope) is not { } existing)
            {
                return null;
            }

            var remaining = settings.Count == 0 ? existing.Settings.Clear() : existing.Settings.RemoveRange(settings);
            return await ChangeOverrideLockedAsync(scope, remaining, cancellationToken);
        }
        finally
        {
            _changeGate.Release();
        }
    }

    /// <summary>Applies reloaded settings: every known sensor whose configuration changed gets a new version.</summary>
    public async Task<ConfigChange> ApplySettingsAsync(ControlOptions settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await _changeGate.WaitAsync(cancellationToken);
        try
        {
            return await ApplySettingsLockedAsync(settings, cancellationToken);
        }
        finally
        {
            _changeGate.Release();
        }
    }

    /// <summary>
    /// Takes in what other collectors sharing the store saved: their overrides, and every sensor whose stored desired
    /// configuration is newer than the one held here (its control stream and the subscribers are told, as for a change
    /// made here). Until <paramref name="cancellationToken"/> is cancelled; returns at once for a store nobody shares.
    /// </summary>
    public Task WatchAsync(CancellationToken cancellationToken) => _store.WatchAsync(ReloadAsync, cancellationToken);

    /// <summary>Takes in the overrides and sensors' desired versions as stored now (see <see cref="WatchAsync"/>).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var contents = await _store.LoadAsync(cancellationToken);
            await _changeGate.WaitAsync(cancellationToken);
            try
            {
                var overrides = OverrideSet.From(contents.Overrides);
                var previous = _overrides;
                Volatile.Write(ref _overrides, overrides);
                var newer = new HashSet<string>(StringComparer.Ordinal);
                foreach (var sensor in contents.Sensors)
                {
                    var known = _sensors.GetValueOrDefault(sensor.SensorId);
                    if (known is null || sensor.Version > known.Version)
                    {
                        var config = Resolve(sensor.SensorId, sensor.Kind, overrides, _settings);
                        _sensors[sensor.SensorId] = new DesiredConfig(sensor.SensorId, sensor.Kind, sensor.Version, sensor.Hash, config);
                        newer.Add(sensor.SensorId);
                    }
                }

                var stored = contents.Sensors.Count == 0 ? 0 : contents.Sensors.Max(s => s.Version);
                Interlocked.Exchange(ref _version, Math.Max(Version, stored));
                foreach (var sensorId in newer)
                {
                    foreach (var listener in _listeners)
                    {
                        listener.ConfigChanged(sensorId);
                    }
                }

                // The collector that changed an override versioned only the sensors it knew: one registered here at about the
                // same time (with the overrides before the change) would keep its older configuration until the next change.
                // Those the changed overrides cover, and whose stored version did not move, get a new version here.
                var missed = _sensors.Values
                    .Where(s => !newer.Contains(s.SensorId) && !string.Equals(
                        ConfigHash.Of(Resolve(s.SensorId, s.Kind, previous, _settings)), ConfigHash.Of(Resolve(s.SensorId, s.Kind, overrides, _settings)), StringComparison.Ordinal))
                    .Select(s => (s.SensorId, s.Kind))
                    .ToList();
                var (records, changed, version) = Recompute(missed, overrides, _settings);
                if (records.Count > 0)
                {
                    await PersistAsync(() => _store.SaveSensorsAsync(records, cancellationToken));
                    Publish(changed, version);
                }

                // The watch also reloads when it starts listening and after a lost connection: told only when a sensor's
                // desired configuration moved (the collector that made a change logs it itself).
                if (newer.Count + records.Count > 0)
                {
                    CollectorLog.DesiredStateReloaded(_logger, overrides.Count, newer.Count + records.Count, Version);
                }
            }
            finally
            {
                _changeGate.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The watch goes on: a reload that failed is made good by the next change's.
            CollectorLog.DesiredStateReloadFailed(_logger, ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="forget"/> (which deletes unused sensors from storage and returns their ids) between other
    /// changes and registrations, and drops the sensors it returns; returns them.
    /// </summary>
    public async Task<IReadOnlyList<string>> ForgetAsync(Func<CancellationToken, Task<IReadOnlyList<string>>> forget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forget);
        await _changeGate.WaitAsync(cancellationToken);
        try
        {
            var forgotten = await forget(cancellationToken);
            foreach (var sensorId in forgotten)
            {
                _sensors.TryRemove(sensorId, out _);
            }

            return forgotten;
        }
        finally
        {
            _changeGate.Release();
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _changeGate.Dispose();
    }

    private async Task<ConfigChange> ApplySettingsLockedAsync(ControlOptions settings, CancellationToken cancellationToken)
    {
        var (records, changed, version) = Recompute(_sensors.Values.Select(s => (s.SensorId, s.Kind)), _overrides, settings);
        if (records.Count > 0)
        {
            await PersistAsync(() => _store.SaveSensorsAsync(records, cancellationToken));
        }

        Volatile.Write(ref _settings, settings);
        return Publish(changed, version);
    }

    private async Task<ConfigChange> ChangeOverrideLockedAsync(OverrideScope scope, ImmutableSortedDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var overrides = _overrides.With(scope, settings.IsEmpty ? null : new SettingsOverride(scope, settings, _timeProvider.GetUtcNow()));
        var affected = _sensors.Values.Where(s => scope.Covers(s.SensorId, s.Kind)).Select(s => (s.SensorId, s.Kind));
        var (records, changed, version) = Recompute(affected, overrides, _settings);
        await PersistAsync(() => _store.SaveOverrideAsync(scope, settings, records, cancellationToken));
        Volatile.Write(ref _overrides, overrides);
        return Publish(changed, version);
    }

    private async Task RegisterWaitingAsync()
    {
        var waiting = new Dictionary<string, SensorRegistration>(StringComparer.Ordinal);
        var all = new List<SensorRegistration>();
        while (_registrations.Reader.TryRead(out var registration))
        {
            all.Add(registration);
            if (registration.Kind.Length > 0 || !waiting.ContainsKey(registration.SensorId))
            {
                waiting[registration.SensorId] = registration;
            }
        }

        if (all.Count == 0)
        {
            return;
        }

        var candidates = waiting.Values
            .Select(r => (r.SensorId, Kind: r.Kind.Length == 0 ? _sensors.GetValueOrDefault(r.SensorId)?.Kind ?? "" : r.Kind))
            .Where(c => !_sensors.TryGetValue(c.SensorId, out var known) || !string.Equals(known.Kind, c.Kind, StringComparison.Ordinal))
            .ToList();
        try
        {
            var (records, changed, version) = Recompute(candidates, _overrides, _settings, includeUnchanged: true);
            if (records.Count > 0)
            {
                // Not the caller's token: this transaction also carries the other callers' sensors.
                await PersistAsync(() => _store.SaveSensorsAsync(records, _disposing));
            }

            Publish(changed, version);
        }
        catch (Exception ex)
        {
            foreach (var registration in all)
            {
                registration.Fail(ex);
            }

            return;
        }

        foreach (var registration in all)
        {
            registration.Complete(_sensors[registration.SensorId]);
        }
    }

    /// <summary>
    /// Resolves <paramref name="sensors"/> against <paramref name="overrides"/> and <paramref name="settings"/>;
    /// returns the records to persist (those whose content changed, with the next version; with
    /// <paramref name="includeUnchanged"/>, the others too, keeping their version), the changed ones, and that version.
    /// </summary>
    private (List<SensorConfigRecord> Records, List<DesiredConfig> Changed, long Version) Recompute(
        IEnumerable<(string SensorId, string Kind)> sensors, OverrideSet overrides, ControlOptions settings, bool includeUnchanged = false)
    {
        var next = Version + 1;
        var records = new List<SensorConfigRecord>();
        var changed = new List<DesiredConfig>();
        foreach (var (sensorId, kind) in sensors)
        {
            var config = Resolve(sensorId, kind, overrides, settings);
            var hash = ConfigHash.Of(config);
            var known = _sensors.GetValueOrDefault(sensorId);
            if (known is null)
            {
                // A sensor first seen has no version to move on from: it takes the current one (1 at the very
                // start), so that sensors that appear over time do not each take a new number.
                var current = Math.Max(Version, 1);
                changed.Add(new DesiredConfig(sensorId, kind, current, hash, config));
                records.Add(new SensorConfigRecord(sensorId, kind, current, hash));
            }
            else if (!string.Equals(known.Hash, hash, StringComparison.Ordinal))
            {
                var desired = new DesiredConfig(sensorId, kind, next, hash, config);
                changed.Add(desired);
                records.Add(new SensorConfigRecord(sensorId, kind, next, hash));
            }
            else if (includeUnchanged)
            {
                changed.Add(known with { Kind = kind, Config = config });
                records.Add(new SensorConfigRecord(sensorId, kind, known.Version, hash));
            }
        }

        return (records, changed, next);
    }

    /// <summary>Publishes persisted changes: the new state first, then the control streams and subscribers are told.</summary>
    private ConfigChange Publish(List<DesiredConfig> changed, long version)
    {
        var versioned = 0;
        foreach (var desired in changed)
        {
            _sensors[desired.SensorId] = desired;
            if (desired.Version == version)
            {
                versioned++;
            }
        }

        if (versioned == 0)
        {
            return ConfigChange.None;
        }

        Interlocked.Exchange(ref _version, version);
        foreach (var desired in changed)
        {
            if (desired.Version == version)
            {
                foreach (var listener in _listeners)
                {
                    listener.ConfigChanged(desired.SensorId);
                }
            }
        }

        return new ConfigChange(versioned, version);
    }

    private SensorConfigValues Resolve(string sensorId, string kind, OverrideSet overrides, ControlOptions settings) =>
        ConfigResolver.Resolve(sensorId, kind, overrides, settings, _maxBatchSize);

    private static async Task PersistAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new StorageUnavailableException("storage failed to save the configuration change: " + ex.Message, ex);
        }
    }
}
