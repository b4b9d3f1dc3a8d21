using Google.Protobuf.WellKnownTypes;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Control;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Subscriptions;

/// <summary>Maps the aggregator's results to the messages of <c>Aggregates.Subscribe</c>.</summary>
internal static class AggregateMessages
{
    /// <summary>A window, with the sensor's configuration versions and state as <paramref name="configs"/> has them now.</summary>
    public static Wire.AggregateUpdate Window(WindowSummary window, SensorConfigLookup configs)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(configs);
        return Window(window, configs.Find(window.SensorId));
    }

    public static Wire.AggregateUpdate Window(WindowSummary window, SensorConfigSummary config) => new()
    {
        Window = new Wire.SensorWindow
        {
            SensorId = window.SensorId,
            Kind = window.Kind,
            WindowStart = window.HasReadings ? FromMicros(window.WindowStartMicros) : null,
            Window = Duration.FromTimeSpan(window.Window),
            Count = (ulong)window.Count,
            Min = window.Min,
            Max = window.Max,
            Mean = window.Mean,
            Last = window.Last,
            ReadingsPerSecond = window.ReadingsPerSecond,
            Liveness = window.Liveness switch
            {
                SensorLiveness.Live => Wire.SensorLiveness.Live,
                SensorLiveness.Stale => Wire.SensorLiveness.Stale,
                _ => Wire.SensorLiveness.Offline,
            },
            Closed = window.Closed,
            DesiredConfigVersion = (ulong)config.DesiredVersion,
            ReportedConfigVersion = (ulong)config.ReportedVersion,
            ConfigState = ToWire(config.State),
            Paused = config.Paused,
            RejectedBatches = (ulong)window.RejectedBatches,
            LastRejection = window.LastRejection,
        },
    };

    public static Wire.ConfigState ToWire(ConfigSyncState state) => state switch
    {
        ConfigSyncState.InSync => Wire.ConfigState.InSync,
        ConfigSyncState.Rejected => Wire.ConfigState.Rejected,
        _ => Wire.ConfigState.Pending,
    };

    /// <summary>The statistics as a subscriber over windows of <paramref name="window"/> gets them.</summary>
    public static Wire.AggregateUpdate Statistics(CollectorStatistics statistics, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var condition = statistics.Condition;
        var process = statistics.Process;
        var wire = new Wire.CollectorStatistics
        {
            At = Timestamp.FromDateTimeOffset(statistics.At),
            ReadingsPerSecond = statistics.ReadingsPerSecond,
            ReadingsCommitted = (ulong)statistics.ReadingsCommitted,
            BatchesCommitted = (ulong)statistics.BatchesCommitted,
            DuplicateBatches = (ulong)statistics.DuplicateBatches,
            RejectedBatches = (ulong)statistics.RejectedBatches,
            LostBatches = (ulong)statistics.LostBatches,
            LateReadings = (ulong)statistics.LateReadings,
            SensorsConnected = (uint)statistics.SensorsConnected,
            Subscribers = (uint)statistics.Subscribers,
            CollectorInstanceId = statistics.CollectorInstanceId,
            CollectorVersion = statistics.CollectorVersion,
            SensorsLive = (uint)statistics.SensorsLive,
            SensorsStale = (uint)statistics.SensorsStale,
            SensorsOffline = (uint)statistics.SensorsOffline,
            StorageHealth = condition.StorageServing switch
            {
                true => Wire.StorageHealth.Serving,
                false => Wire.StorageHealth.NotServing,
                null => Wire.StorageHealth.Unspecified,
            },
            StorageReason = condition.StorageReason,
            CommitLatencyP99 = statistics.CommitLatencyP99 is { } p99 ? Duration.FromTimeSpan(p99) : null,
            CommitLatencySpan = Duration.FromTimeSpan(statistics.CommitLatencySpan),
            CommitQueueDepth = (uint)Math.Max(0, statistics.CommitQueueDepth),
            ChaosEnabled = condition.ChaosEnabled,
            ControlStreams = (uint)Math.Max(0, condition.ControlStreams),
            WorkingSetBytes = (ulong)Math.Max(0, process.WorkingSetBytes),
            GcGen0Collections = (ulong)Math.Max(0, process.Gen0Collections),
            GcGen1Collections = (ulong)Math.Max(0, process.Gen1Collections),
            GcGen2Collections = (ulong)Math.Max(0, process.Gen2Collections),
            GcPauseTotal = Duration.FromTimeSpan(process.GcPauseTotal),
            Window = Duration.FromTimeSpan(window),
        };
        foreach (var (reason, count) in statistics.RefusedCalls)
        {
            wire.RefusedCalls[reason] = (ulong)count;
        }

        foreach (var (kind, count) in condition.ChaosInjections)
        {
            wire.ChaosInjections[kind] = (ulong)count;
        }

        return new Wire.AggregateUpdate { Statistics = wire };
    }

    public static Wire.AggregateUpdate SnapshotComplete(int sensors) => new() { SnapshotComplete = new Wire.SnapshotComplete { SensorCount = (uint)sensors } };

    public static Wire.AggregateUpdate Heartbeat(DateTimeOffset at) => new() { Heartbeat = new Wire.Heartbeat { At = Timestamp.FromDateTimeOffset(at) } };

    private static Timestamp FromMicros(long micros) => new()
    {
        Seconds = Math.DivRem(micros, 1_000_000, out var remainder) - (remainder < 0 ? 1 : 0),
        Nanos = (int)(remainder < 0 ? remainder + 1_000_000 : remainder) * 1000,
    };
}
