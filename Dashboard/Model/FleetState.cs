using System.Collections.Immutable;

namespace Ingest.Dashboard.Model;

/// <summary>
/// The dashboard's state over several collectors that share one database. Each collector keeps its own
/// <see cref="DashboardState"/> (connection, snapshot, rows, totals: exactly as with one collector), and beside it
/// every collector's latest report of each of a sensor's recent windows, so that a window a failover split between
/// two collectors is shown whole (<see cref="WindowMerge"/>). A collector that re-sends a window replaces its own part
/// of it, never adds to it; a collector that is down keeps its last parts on show. Bounded: a sensor keeps its
/// <see cref="HistoryCapacity"/> most recent windows, and is forgotten when no collector shows it any more.
/// Not thread-safe: the caller serialises the calls.
/// </summary>
internal sealed class FleetState
{
    private readonly DashboardState[] _collectors;
    private readonly Dictionary<string, SortedList<(DateTimeOffset Start, TimeSpan Window), WindowContribution?[]>> _windows =
        new(StringComparer.Ordinal);

    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, SensorRow> _rows = ImmutableDictionary.Create<string, SensorRow>(StringComparer.Ordinal);
    private long _arrivals;

    public FleetState(IReadOnlyList<string> addresses, int historyCapacity = MeanHistory.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyCapacity, 1);
        HistoryCapacity = historyCapacity;
        _collectors = addresses.Select(address => DashboardState.Initial(address, historyCapacity)).ToArray();
    }

    /// <summary>How many windows' means each merged row keeps for its sparkline.</summary>
    public int HistoryCapacity { get; }

    public int Count => _collectors.Length;

    /// <summary>Windows kept per sensor: the history and the latest.</summary>
    private int WindowsKept => HistoryCapacity + 1;

    /// <summary>Collector <paramref name="index"/>'s own state.</summary>
    public DashboardState Collector(int index) => _collectors[index];

    public void Connected(int index, CollectorIdentity collector, DateTimeOffset now) =>
        _collectors[index] = _collectors[index].Connected(collector, now);

    public void Reconnecting(int index, RetryNotice notice) =>
        _collectors[index] = _collectors[index].Reconnecting(notice);

    /// <summary>Collector <paramref name="index"/> sent <paramref name="update"/>.</summary>
    public void Apply(int index, DashboardUpdate update, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        var before = _collectors[index];
        var after = before.Apply(update, now);
        _collectors[index] = after;
        switch (update)
        {
            case WindowUpdate window:
                Record(index, window.Aggregate);
                _dirty.Add(window.Aggregate.SensorId);
                break;
            case SnapshotCompleted:
                // The snapshot replaced the collector's rows: a sensor it no longer shows may leave the merged view.
                _dirty.UnionWith(before.Rows.Keys);
                _dirty.UnionWith(after.Rows.Keys);
                break;
        }
    }

    /// <summary>The merged view: one row per sensor over every collector, the fleet's totals and each collector's stream.</summary>
    public DashboardState Merged()
    {
        foreach (var sensorId in _dirty)
        {
            if (MergedRow(sensorId) is { } row)
            {
                _rows = _rows.SetItem(sensorId, row);
                continue;
            }

            _rows = _rows.Remove(sensorId);
            if (!_collectors.Any(state => state.PendingSnapshot?.ContainsKey(sensorId) == true))
            {
                _windows.Remove(sensorId);
            }
        }

        _dirty.Clear();
        var lastHeard = _collectors.Max(state => state.LastHeardAt);
        var collectors = _collectors.Length > 1
            ? _collectors.Select(state => new CollectorView(state.Connection, state.Totals)).ToImmutableArray()
            : [];
        return DashboardState.Combined(
            FleetConnection.Summary(_collectors), _rows, FleetTotals(), lastHeard, HistoryCapacity, collectors,
            [.. _collectors.Select(state => state.Rates)]);
    }

    private void Record(int index, WindowAggregate aggregate)
    {
        if (!_windows.TryGetValue(aggregate.SensorId, out var windows))
        {
            windows = [];
            _windows[aggregate.SensorId] = windows;
        }

        var key = (aggregate.WindowStart, aggregate.Window);
        if (!windows.TryGetValue(key, out var parts))
        {
            if (windows.Count >= WindowsKept && key.CompareTo(windows.Keys[0]) < 0)
            {
                return;
            }

            parts = new WindowContribution?[_collectors.Length];
            windows.Add(key, parts);
            while (windows.Count > WindowsKept)
            {
                windows.RemoveAt(0);
            }
        }

        parts[index] = new WindowContribution(aggregate, ++_arrivals);
    }

    /// <summary>
    /// The sensor's row over every collector whose view shows it; null when none does. Its latest window is the newest
    /// any of them shows, made whole from every collector's part; its liveness the best any of them reports; its
    /// rejected batches the sum of each collector's count.
    /// </summary>
    private SensorRow? MergedRow(string sensorId)
    {
        var holders = new List<(int Index, WindowAggregate Latest)>();
        for (var index = 0; index < _collectors.Length; index++)
        {
            if (_collectors[index].Rows.TryGetValue(sensorId, out var row))
            {
                holders.Add((index, row.Latest));
            }
        }

        if (holders.Count == 0)
        {
            return null;
        }

        holders.Sort((a, b) => Recency(a.Latest).CompareTo(Recency(b.Latest)));
        var newest = holders[^1].Latest;
        var windows = _windows.GetValueOrDefault(sensorId);
        var latest = windows is not null && windows.TryGetValue((newest.WindowStart, newest.Window), out var latestParts)
            ? Merge(sensorId, latestParts)
            : newest;
        var status = holders.Aggregate(SensorStatus.Unknown, (best, holder) => WindowMerge.Best(best, holder.Latest.Status));
        latest = latest with
        {
            Status = status,
            RejectedBatches = holders.Aggregate(0UL, (sum, holder) => sum + holder.Latest.RejectedBatches),
            LastRejection = holders.LastOrDefault(holder => holder.Latest.LastRejection.Length > 0).Latest?.LastRejection ?? "",
        };

        var history = MeanHistory.Empty(HistoryCapacity);
        foreach (var parts in windows?.Values ?? [])
        {
            var merged = Merge(sensorId, parts);
            history = merged.Count > 0 ? history.Record(merged.WindowStart, merged.Mean) : history;
        }

        return new SensorRow(latest, history);
    }

    /// <summary>
    /// One window whole from its parts, oldest first: parts from the collector whose own latest window of the sensor is
    /// older come first (the sensor has moved on from it), then by arrival; so the last value is the newest collector's.
    /// </summary>
    private WindowAggregate Merge(string sensorId, WindowContribution?[] parts)
    {
        var ordered = parts
            .Select((part, index) => (Part: part, Index: index))
            .Where(entry => entry.Part is not null)
            .OrderBy(entry => _collectors[entry.Index].Rows.GetValueOrDefault(sensorId)?.Latest.WindowStart ?? DateTimeOffset.MinValue)
            .ThenBy(entry => entry.Part!.Value.Arrival)
            .Select(entry => entry.Part!.Value.Aggregate)
            .ToArray();
        return WindowMerge.Merge(ordered);
    }

    private static (DateTimeOffset, TimeSpan) Recency(WindowAggregate latest) => (latest.WindowStart, latest.Window);

    /// <summary>
    /// The fleet's totals. Collectors that share one database each report the database's totals — committed,
    /// duplicate, rejected and lost, the same on all of them, refreshed every few seconds — so the freshest (largest) is
    /// shown, not their sum; the rates, late readings, connected sensors and subscribers are each collector's own and are
    /// summed. With several, sensors live, stale and offline are counted over the merged rows, each sensor once, so that a
    /// sensor that moved is not also counted offline at the collector it left.
    /// </summary>
    private CollectorTotals? FleetTotals()
    {
        var reported = _collectors.Select(state => state.Totals).OfType<CollectorTotals>().ToArray();
        if (reported.Length <= 1)
        {
            return reported.FirstOrDefault();
        }

        var rows = _rows.Values;
        return new CollectorTotals(
            reported.Max(totals => totals.At),
            reported.Sum(totals => totals.ReadingsPerSecond),
            reported.Max(totals => totals.ReadingsCommitted),
            reported.Max(totals => totals.BatchesCommitted),
            reported.Max(totals => totals.DuplicateBatches),
            reported.Max(totals => totals.RejectedBatches),
            reported.Max(totals => totals.LostBatches),
            Sum(reported, totals => totals.LateReadings),
            (uint)reported.Sum(totals => (long)totals.SensorsConnected),
            (uint)reported.Sum(totals => (long)totals.Subscribers),
            CollectorInstanceId: "",
            CollectorVersion: "",
            (uint)rows.Count(row => row.Status == SensorStatus.Live),
            (uint)rows.Count(row => row.Status == SensorStatus.Stale),
            (uint)rows.Count(row => row.Status == SensorStatus.Offline))
        {
            Window = reported.Select(totals => totals.Window).FirstOrDefault(window => window is not null),
        };
    }

    private static ulong Sum(IEnumerable<CollectorTotals> totals, Func<CollectorTotals, ulong> value) =>
        totals.Aggregate(0UL, (sum, item) => sum + value(item));
}
