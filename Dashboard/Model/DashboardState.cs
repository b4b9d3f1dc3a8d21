using System.Collections.Immutable;

namespace Ingest.Dashboard.Model;

/// <summary>
/// Everything the dashboard shows, as an immutable value: each method returns the state after one event. A new
/// stream's snapshot is gathered aside and replaces the rows when it completes, so the last data stays on
/// screen while a reconnect is under way.
/// </summary>
internal sealed record DashboardState
{
    private DashboardState(ConnectionState connection, int historyCapacity)
    {
        Connection = connection;
        HistoryCapacity = historyCapacity;
    }

    public ConnectionState Connection { get; private init; }

    /// <summary>The sensors shown, by id.</summary>
    public ImmutableDictionary<string, SensorRow> Rows { get; private init; } =
        ImmutableDictionary.Create<string, SensorRow>(StringComparer.Ordinal);

    /// <summary>The rows of a snapshot still arriving; null when no snapshot is pending.</summary>
    public ImmutableDictionary<string, SensorRow>? PendingSnapshot { get; private init; }

    /// <summary>The collector's latest totals; null before the first arrive.</summary>
    public CollectorTotals? Totals { get; private init; }

    /// <summary>When the dashboard last heard from the collector; null before it first did.</summary>
    public DateTimeOffset? LastHeardAt { get; private init; }

    /// <summary>How many window means each row keeps for its sparkline.</summary>
    public int HistoryCapacity { get; }

    /// <summary>This collector's ingest rate over the last minutes.</summary>
    public RateHistory Rates { get; private init; } = RateHistory.Empty();

    /// <summary>The ingest rate history of every collector shown, for the fleet's chart: this state's own, or each collector's when merged.</summary>
    public ImmutableArray<RateHistory> RateHistories => _rateHistories.IsDefaultOrEmpty ? [Rates] : _rateHistories;

    private ImmutableArray<RateHistory> _rateHistories;

    /// <summary>Each collector's stream and totals when the dashboard merges several; empty for one collector's own state.</summary>
    public ImmutableArray<CollectorView> Collectors { get; private init; } = [];

    /// <summary>
    /// True when what is shown may be out of date: the collector is not reachable, or a new stream's snapshot
    /// has not completed yet.
    /// </summary>
    public bool IsShowingLastKnownData =>
        Connection.Phase != ConnectionPhase.Connected || !Connection.SnapshotReceived;

    public static DashboardState Initial(string address, int historyCapacity = MeanHistory.DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyCapacity, 1);
        return new DashboardState(ConnectionState.Initial(address), historyCapacity);
    }

    /// <summary>The merged view of several collectors: what <see cref="FleetState"/> builds from each collector's own state.</summary>
    public static DashboardState Combined(
        ConnectionState connection,
        ImmutableDictionary<string, SensorRow> rows,
        CollectorTotals? totals,
        DateTimeOffset? lastHeardAt,
        int historyCapacity,
        ImmutableArray<CollectorView> collectors,
        ImmutableArray<RateHistory> rateHistories = default) =>
        new(connection, historyCapacity)
        {
            Rows = rows, Totals = totals, LastHeardAt = lastHeardAt, Collectors = collectors, _rateHistories = rateHistories,
        };

    /// <summary>Greeted <paramref name="collector"/> and subscribed: a new snapshot starts.</summary>
    public DashboardState Connected(CollectorIdentity collector, DateTimeOffset now) => this with
    {
        Connection = Connection with
        {
            Phase = ConnectionPhase.Connected,
            Collector = collector,
            SnapshotReceived = false,
            NextAttemptAt = null,
            LastError = null,
        },
        PendingSnapshot = ImmutableDictionary.Create<string, SensorRow>(StringComparer.Ordinal),
        LastHeardAt = now,
    };

    /// <summary>An attempt failed or the stream broke: keep the rows, drop any partial snapshot.</summary>
    public DashboardState Reconnecting(RetryNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return this with
        {
            Connection = Connection with
            {
                Phase = ConnectionPhase.Reconnecting,
                SnapshotReceived = false,
                FailedAttempts = notice.FailedAttempts,
                NextAttemptAt = notice.NextAttemptAt,
                LastError = notice.Reason,
            },
            PendingSnapshot = null,
        };
    }

    /// <summary>The state after <paramref name="update"/> arrived at <paramref name="now"/>.</summary>
    public DashboardState Apply(DashboardUpdate update, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        var heard = this with { LastHeardAt = now };
        return update switch
        {
            WindowUpdate window => heard.ApplyWindow(window.Aggregate),
            SnapshotCompleted => heard with
            {
                Rows = PendingSnapshot ?? Rows,
                PendingSnapshot = null,
                Connection = Connection with { SnapshotReceived = true, FailedAttempts = 0 },
            },
            StatisticsUpdate statistics => heard.ApplyStatistics(statistics.Totals, now),
            _ => heard,
        };
    }

    private DashboardState ApplyWindow(WindowAggregate aggregate)
    {
        if (PendingSnapshot is { } pending)
        {
            // A sensor seen before keeps its sparkline across the reconnect.
            var known = pending.GetValueOrDefault(aggregate.SensorId) ?? Rows.GetValueOrDefault(aggregate.SensorId);
            return this with { PendingSnapshot = pending.SetItem(aggregate.SensorId, Updated(known, aggregate)) };
        }

        return this with { Rows = Rows.SetItem(aggregate.SensorId, Updated(Rows.GetValueOrDefault(aggregate.SensorId), aggregate)) };
    }

    private DashboardState ApplyStatistics(CollectorTotals totals, DateTimeOffset now)
    {
        var collector = Connection.Collector;
        if (totals.CollectorInstanceId.Length > 0)
        {
            collector = new CollectorIdentity(
                totals.CollectorInstanceId,
                totals.CollectorVersion.Length > 0 ? totals.CollectorVersion : collector?.Version ?? "");
        }

        return this with
        {
            Totals = totals,
            Connection = Connection with { Collector = collector },
            Rates = Rates.Record(now, totals.ReadingsPerSecond),
        };
    }

    private SensorRow Updated(SensorRow? row, WindowAggregate aggregate) =>
        row?.With(aggregate) ?? SensorRow.First(aggregate, HistoryCapacity);
}
