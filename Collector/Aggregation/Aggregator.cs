using Ingest.Collector.Diagnostics;
using Ingest.Collector.Greeting;
using Ingest.Collector.Model;
using Ingest.Collector.Sensors;
using Ingest.Collector.Subscriptions;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Aggregation;

/// <summary>
/// Turns committed batches into tumbling event-time windows per sensor and window size, tracks each
/// sensor's liveness by the wall clock, and publishes what changed to the <see cref="SubscriptionHub"/>:
/// a sensor's latest window when it closes or late readings update it, its liveness when that changes,
/// and the collector's statistics when they change. Thread-safe: batches and ticks may come from different threads.
/// </summary>
internal sealed class Aggregator
{
    /// <summary>The span the ingest rate is measured over.</summary>
    public static readonly TimeSpan RateSpan = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SensorAggregate> _sensors = new(StringComparer.Ordinal);
    private readonly AggregationOptions _options;
    private readonly IReadOnlyList<TimeSpan> _windows;
    private readonly long _latenessMicros;
    private readonly SubscriptionHub _hub;
    private readonly SensorDirectory _directory;
    private readonly ConnectedSensors _connected;
    private readonly IngestMetrics _ingestMetrics;
    private readonly AggregationMetrics _metrics;
    private readonly CollectorIdentity _identity;
    private readonly TimeProvider _timeProvider;
    private readonly IngestRate _rate;
    private long _lateReadings;
    private CollectorStatistics? _published;

    public Aggregator(
        IOptions<AggregationOptions> options,
        SubscriptionHub hub,
        SensorDirectory directory,
        ConnectedSensors connected,
        IngestMetrics ingestMetrics,
        AggregationMetrics metrics,
        CollectorIdentity identity,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _windows = _options.WindowSizes;
        _latenessMicros = _options.AllowedLateness.Ticks / TimeSpan.TicksPerMicrosecond;
        (_hub, _directory, _connected, _ingestMetrics, _metrics, _identity, _timeProvider) =
            (hub, directory, connected, ingestMetrics, metrics, identity, timeProvider);
        _rate = new IngestRate(RateSpan, timeProvider);
    }

    /// <summary>Readings too late for their window since the collector started.</summary>
    public long LateReadings
    {
        get
        {
            lock (_gate)
            {
                return _lateReadings;
            }
        }
    }

    /// <summary>Sensors in the live view.</summary>
    public int SensorCount
    {
        get
        {
            lock (_gate)
            {
                return _sensors.Count;
            }
        }
    }

    /// <summary>Adds a committed batch to its sensor's windows and publishes the windows that closed or changed.</summary>
    public void Apply(ReadingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_sensors.TryGetValue(batch.SensorId, out var sensor))
            {
                sensor = new SensorAggregate(batch.SensorId, _windows, _options.ClosedWindowsKept, now);
                _sensors.Add(batch.SensorId, sensor);
            }

            var late = sensor.Apply(batch, _latenessMicros);
            if (late > 0)
            {
                _lateReadings += late;
                _metrics.LateReadings(late);
            }

            sensor.LastHeardAt = now;
            var livenessChanged = sensor.Liveness != SensorLiveness.Live;
            sensor.Liveness = SensorLiveness.Live;
            Show(sensor, livenessChanged);
        }
    }

    /// <summary>
    /// Moves quiet sensors to stale (closing their open windows), offline, and out of the live view, and
    /// publishes the statistics when they changed.
    /// </summary>
    public void Tick()
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            int live = 0, stale = 0, offline = 0;

            // Removing the current entry while enumerating a Dictionary is allowed.
            foreach (var sensor in _sensors.Values)
            {
                switch (Age(sensor, now))
                {
                    case SensorLiveness.Live:
                        live++;
                        break;
                    case SensorLiveness.Stale:
                        stale++;
                        break;
                    case SensorLiveness.Offline:
                        offline++;
                        break;
                }
            }

            var statistics = Measure(now, live, stale, offline);
            if (!statistics.SameFiguresAs(_published))
            {
                _published = statistics;
                _hub.Publish(statistics);
            }
        }
    }

    /// <summary>
    /// Applies how long <paramref name="sensor"/> has been quiet: closes its open windows once it is stale,
    /// publishes a change of liveness, takes it out of the live view once evicted. Returns its liveness, or
    /// null when it left the live view.
    /// </summary>
    private SensorLiveness? Age(SensorAggregate sensor, DateTimeOffset now)
    {
        var quiet = now - sensor.LastHeardAt;
        if (quiet >= _options.EvictAfter)
        {
            _sensors.Remove(sensor.SensorId);
            _hub.Remove(sensor.SensorId);
            return null;
        }

        var liveness = quiet >= _options.OfflineAfter ? SensorLiveness.Offline
            : quiet >= _options.StaleAfter ? SensorLiveness.Stale
            : SensorLiveness.Live;
        if (liveness != SensorLiveness.Live)
        {
            sensor.CloseOpenWindows();
        }

        var livenessChanged = liveness != sensor.Liveness;
        sensor.Liveness = liveness;
        if (livenessChanged || sensor.AnyLatestChanged)
        {
            Show(sensor, livenessChanged);
        }

        return liveness;
    }

    private CollectorStatistics Measure(DateTimeOffset now, int live, int stale, int offline)
    {
        var totals = _ingestMetrics.Snapshot();
        return new CollectorStatistics(
            now,
            _rate.Sample(_timeProvider.GetTimestamp(), totals.ReadingsCommitted),
            totals.ReadingsCommitted,
            totals.BatchesCommitted,
            totals.DuplicateBatches,
            totals.RejectedBatches,
            totals.LostBatches,
            _lateReadings,
            _connected.Count,
            _hub.SubscriberCount,
            _identity.InstanceId,
            _identity.Version,
            live,
            stale,
            offline);
    }

    /// <summary>
    /// Puts the sensor's latest window of every size in the live view. A series with no closed window yet
    /// shows its open window in snapshots only; a closed one is published when it changed or the sensor's
    /// liveness did.
    /// </summary>
    private void Show(SensorAggregate sensor, bool livenessChanged)
    {
        string? kind = null;
        for (var i = 0; i < sensor.Series.Length; i++)
        {
            var series = sensor.Series[i];
            if (series.Latest is not { } latest || (series.HasClosed && !series.LatestChanged && !livenessChanged))
            {
                continue;
            }

            kind ??= _directory.KindOf(sensor.SensorId);
            _hub.Show(i, Summarize(sensor, kind, series, latest), publish: series.HasClosed);
            series.LatestChanged = false;
        }
    }

    private static WindowSummary Summarize(SensorAggregate sensor, string kind, WindowSeries series, WindowAccumulator window) => new(
        sensor.SensorId,
        kind,
        window.StartMicros,
        series.Window,
        window.Count,
        window.Min,
        window.Max,
        window.Mean,
        window.Last,
        window.Count / series.Window.TotalSeconds,
        sensor.Liveness,
        Closed: series.HasClosed);
}
