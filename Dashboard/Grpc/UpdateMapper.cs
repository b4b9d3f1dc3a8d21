using Google.Protobuf.WellKnownTypes;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Grpc;

/// <summary>Maps between the aggregate stream's wire types and the dashboard's model.</summary>
internal static class UpdateMapper
{
    public static Wire.SubscribeRequest ToWire(SubscriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = new Wire.SubscribeRequest { MinUpdateInterval = Duration.FromTimeSpan(request.MinUpdateInterval) };
        wire.SensorIds.AddRange(request.SensorPatterns);
        wire.Kinds.AddRange(request.Kinds);
        if (request.Window is { } window)
        {
            wire.Window = Duration.FromTimeSpan(window);
        }

        return wire;
    }

    /// <summary>The model of <paramref name="update"/>; null for a kind of update this dashboard does not know.</summary>
    public static DashboardUpdate? ToModel(Wire.AggregateUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.KindCase switch
        {
            Wire.AggregateUpdate.KindOneofCase.Window => new WindowUpdate(ToModel(update.Window)),
            Wire.AggregateUpdate.KindOneofCase.SnapshotComplete => new SnapshotCompleted(update.SnapshotComplete.SensorCount),
            Wire.AggregateUpdate.KindOneofCase.Statistics => new StatisticsUpdate(ToModel(update.Statistics)),
            Wire.AggregateUpdate.KindOneofCase.Heartbeat => new HeartbeatUpdate(Time(update.Heartbeat.At)),
            _ => null,
        };
    }

    public static WindowAggregate ToModel(Wire.SensorWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new WindowAggregate(
            window.SensorId,
            window.Kind,
            Time(window.WindowStart),
            window.Window?.ToTimeSpan() ?? TimeSpan.Zero,
            window.Count,
            window.Min,
            window.Max,
            window.Mean,
            window.Last,
            window.ReadingsPerSecond,
            window.Liveness switch
            {
                Wire.SensorLiveness.Live => SensorStatus.Live,
                Wire.SensorLiveness.Stale => SensorStatus.Stale,
                Wire.SensorLiveness.Offline => SensorStatus.Offline,
                _ => SensorStatus.Unknown,
            },
            window.Closed,
            window.DesiredConfigVersion,
            window.ReportedConfigVersion,
            ToModel(window.ConfigState),
            window.Paused,
            window.RejectedBatches,
            window.LastRejection);
    }

    public static ConfigState ToModel(Wire.ConfigState state) => state switch
    {
        Wire.ConfigState.InSync => ConfigState.InSync,
        Wire.ConfigState.Pending => ConfigState.Pending,
        Wire.ConfigState.Rejected => ConfigState.Rejected,
        _ => ConfigState.Unknown,
    };

    public static CollectorTotals ToModel(Wire.CollectorStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return new CollectorTotals(
            Time(statistics.At),
            statistics.ReadingsPerSecond,
            statistics.ReadingsCommitted,
            statistics.BatchesCommitted,
            statistics.DuplicateBatches,
            statistics.RejectedBatches,
            statistics.LostBatches,
            statistics.LateReadings,
            statistics.SensorsConnected,
            statistics.Subscribers,
            statistics.CollectorInstanceId,
            statistics.CollectorVersion,
            statistics.SensorsLive,
            statistics.SensorsStale,
            statistics.SensorsOffline)
        {
            Window = statistics.Window?.ToTimeSpan(),
            Operations = statistics.StorageHealth == Wire.StorageHealth.Unspecified ? null : Operations(statistics),
        };
    }

    private static CollectorOperations Operations(Wire.CollectorStatistics statistics) => new(
        statistics.StorageHealth == Wire.StorageHealth.Serving,
        statistics.StorageReason,
        statistics.CommitLatencyP99?.ToTimeSpan(),
        statistics.CommitLatencySpan?.ToTimeSpan() ?? TimeSpan.Zero,
        statistics.CommitQueueDepth,
        [.. statistics.RefusedCalls.OrderBy(pair => pair.Key, StringComparer.Ordinal)],
        statistics.ChaosEnabled,
        [.. statistics.ChaosInjections.OrderBy(pair => pair.Key, StringComparer.Ordinal)],
        statistics.ControlStreams,
        statistics.WorkingSetBytes,
        statistics.GcGen0Collections,
        statistics.GcGen1Collections,
        statistics.GcGen2Collections,
        statistics.GcPauseTotal?.ToTimeSpan() ?? TimeSpan.Zero);

    private static DateTimeOffset Time(Timestamp? timestamp) =>
        timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
}
