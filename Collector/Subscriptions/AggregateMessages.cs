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

    public static Wire.AggregateUpdate Statistics(CollectorStatistics statistics) => new()
    {
        Statistics = new Wire.CollectorStatistics
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
        },
    };

    public static Wire.AggregateUpdate SnapshotComplete(int sensors) => new() { SnapshotComplete = new Wire.SnapshotComplete { SensorCount = (uint)sensors } };

    public static Wire.AggregateUpdate Heartbeat(DateTimeOffset at) => new() { Heartbeat = new Wire.Heartbeat { At = Timestamp.FromDateTimeOffset(at) } };

    private static Timestamp FromMicros(long micros) => new()
    {
        Seconds = Math.DivRem(micros, 1_000_000, out var remainder) - (remainder < 0 ? 1 : 0),
        Nanos = (int)(remainder < 0 ? remainder + 1_000_000 : remainder) * 1000,
    };
}
