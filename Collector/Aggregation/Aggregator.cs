using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;
using Ingest.Collector.Model;
using Ingest.Collector.Sensors;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Aggregation;

/// <summary>
/// Turns committed batches into tumbling event-time windows per sensor and window size, counts each sensor's
/// rejected batches, tracks each sensor's liveness by the wall clock, and publishes what changed to the
/// <see cref="IAggregatePublisher"/>: a sensor's latest window when it closes or late readings update it, its
/// liveness or rejections when they change, and the collector's statistics when they change. Thread-safe:
/// batches, rejections and ticks may come from different threads.
/// </summary>
internal sealed class Aggregator
{
    /// <summary>The span the ingest rate is measured over.</summary>
    public static readonly TimeSpan RateSpan = TimeSpan.FromSeconds(5);

    /// <summary>How often statistics are published when only their process figures (memory, GC) changed.</summary>
    public static readonly TimeSpan ProcessFiguresInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SensorAggregate> _sensors = new(StringComparer.Ordinal);
    private readonly AggregationOptions _options;
    private readonly IReadOnlyList<TimeSpan> _windows;
    private readonly long _latenessMicros;
    private readonly IAggregatePublisher _hub;
    private readonly SensorDirectory _directory;
    private readonly ConnectedSensors _connected;
    private readonly IngestMetrics _ingestMetrics;
    private readonly AggregationMetrics _metrics;
    private readonly CollectorIdentity _identity;
    private readonly TimeProvider _timeProvider;
    private readonly IngestRate _rate;
    private readonly RefusedCalls? _refused;
    private readonly ICollectorCondition? _condition;
    private long _lateReadings;
    private CollectorStatistics? _published;

    public Aggregator(
        IOptions<AggregationOptions> options,
        IAggregatePublisher hub,
        SensorDirectory directory,
        ConnectedSensors connected,
        IngestMetrics ingestMetrics,
        AggregationMetrics metrics,
        CollectorIdentity identity,
        TimeProvider timeProvider,
        RefusedCalls? refused = null,
        ICollectorCondition? condition = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _windows = _options.WindowSizes;
        _latenessMicros = _options.AllowedLateness.Ticks / TimeSpan.TicksPerMicrosecond;
        (_hub, _directory, _connected, _ingestMetrics, _metrics, _identity, _timeProvider) =
            (hub, directory, connected, ingestMetrics, metrics, identity, timeProvider);
        _rate = new IngestRate(RateSpan, timeProvider);
        (_refused, _condition) = (refused, condition);
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
            sensor.LastCommittedAt = now;
            var livenessChanged = sensor.Liveness != SensorLiveness.Live;
            sensor.Liveness = SensorLiveness.Live;
            Show(sensor, livenessChanged, rejectionsChanged: false);
        }
    }

    /// <summary>
    /// Counts <paramref name="rejected"/> batches of a sensor and publishes its row with them: its latest window of
    /// every size, or, for a sensor with no readings in the live view, a row of its rejections alone. Called with
    /// the rejections coalesced since the last call, so it publishes at most once per sensor per call however many
    /// bad batches the sensor sends.
    /// </summary>
    public void Reject(RejectedBatches rejected)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rejected.Batches, 1, nameof(rejected));
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_sensors.TryGetValue(rejected.SensorId, out var sensor))
            {
                sensor = new SensorAggregate(rejected.SensorId, _windows, _options.ClosedWindowsKept, now);
                _sensors.Add(rejected.SensorId, sensor);
            }

            sensor.RejectedBatches += rejected.Batches;
            sensor.LastRejection = rejected.LatestReason;

            // The sensor is sending, even if nothing it sends is stored: calling it stale or offline would send
            // an operator to look at its network instead of at what it sends.
            sensor.LastHeardAt = now;
            var livenessChanged = sensor.Liveness != SensorLiveness.Live;
            sensor.Liveness = SensorLiveness.Live;
            Show(sensor, livenessChanged, rejectionsChanged: true);
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
            if (!statistics.SameFiguresAs(_published) ||
                (statistics.Process != _published!.Process && now - _published.At >= ProcessFiguresInterval))
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

        // Readings stopped coming: their windows close even while rejected batches keep the sensor live.
        if (now - sensor.LastCommittedAt >= _options.StaleAfter)
        {
            sensor.CloseOpenWindows();
        }

        var livenessChanged = liveness != sensor.Liveness;
        sensor.Liveness = liveness;
        if (livenessChanged || sensor.AnyLatestChanged)
        {
            Show(sensor, livenessChanged, rejectionsChanged: false);
        }

        return liveness;
    }

    private CollectorStatistics Measure(DateTimeOffset now, int live, int stale, int offline)
    {
        var totals = _ingestMetrics.Snapshot();
        return new CollectorStatistics(
            now,
            _rate.Sample(_timeProvider.GetTimestamp(), totals.ReadingsCommittedHere),
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
            offline)
        {
            CommitLatencyP99 = _ingestMetrics.CommitLatencyP99(),
            CommitLatencySpan = IngestMetrics.CommitLatencySpan,
            CommitQueueDepth = totals.QueueDepth,
            RefusedCalls = RefusedByReason(),
            Condition = _condition?.Read() ?? CollectorCondition.Unknown,
            Process = ProcessFigures.Read(),
        };
    }

    /// <summary>Uploads refused by a limit and calls refused for the caller's fault, by reason.</summary>
    private KeyValuePair<string, long>[] RefusedByReason() =>
        [.. _ingestMetrics.UploadRefusalsByReason()
            .Concat(_refused?.Totals() ?? new Dictionary<string, long>())
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)];

    /// <summary>
    /// Puts the sensor's latest window of every size in the live view. A series with no closed window yet
    /// shows its open window in snapshots only, unless the sensor's rejections changed; a closed one is
    /// published when it changed or the sensor's liveness or rejections did. A series with no window at all
    /// shows the sensor's rejections alone, when it has any.
    /// </summary>
    private void Show(SensorAggregate sensor, bool livenessChanged, bool rejectionsChanged)
    {
        string? kind = null;
        for (var i = 0; i < sensor.Series.Length; i++)
        {
            var series = sensor.Series[i];
            if (series.Latest is not { } latest)
            {
                if (sensor.RejectedBatches > 0 && (livenessChanged || rejectionsChanged))
                {
                    kind ??= _directory.KindOf(sensor.SensorId);
                    _hub.Show(i, Rejections(sensor, kind, series), publish: true);
                }

                continue;
            }

            if (series.HasClosed && !series.LatestChanged && !livenessChanged && !rejectionsChanged)
            {
                continue;
            }

            kind ??= _directory.KindOf(sensor.SensorId);
            _hub.Show(i, Summarize(sensor, kind, series, latest), publish: series.HasClosed || rejectionsChanged);
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
        Closed: series.HasClosed,
        sensor.RejectedBatches,
        sensor.LastRejection);

    /// <summary>The row of a sensor with no readings in the live view: its rejections, and no window.</summary>
    private static WindowSummary Rejections(SensorAggregate sensor, string kind, WindowSeries series) => new(
        sensor.SensorId,
        kind,
        WindowStartMicros: 0,
        series.Window,
        Count: 0,
        Min: 0,
        Max: 0,
        Mean: 0,
        Last: 0,
        ReadingsPerSecond: 0,
        sensor.Liveness,
        Closed: false,
        sensor.RejectedBatches,
        sensor.LastRejection);
}
