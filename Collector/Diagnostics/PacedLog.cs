namespace Ingest.Collector.Diagnostics;

/// <summary>
/// The log lines of refusals and rejections, each written at most once per reason per interval (<see cref="RefusalLog"/>)
/// with the count since the line before and the latest case (event ids 230–239).
/// </summary>
internal static partial class PacedLog
{
    [LoggerMessage(230, LogLevel.Warning,
        "{Count} queries refused since the last such line (at most one every {Interval}); the latest from {Peer}: {Reason}")]
    public static partial void QueriesRefused(ILogger logger, long count, string peer, string reason, TimeSpan interval);

    [LoggerMessage(231, LogLevel.Warning,
        "{Count} queries ended since the last such line (at most one every {Interval}) because their client left a reply unread for {Timeout} (Collector:Query:WriteTimeout); the latest from {Peer}, of sensor {SensorId}")]
    public static partial void QueriesEndedUnread(ILogger logger, long count, string peer, string sensorId, TimeSpan timeout, TimeSpan interval);

    [LoggerMessage(232, LogLevel.Warning,
        "{Count} subscriptions refused since the last such line (at most one every {Interval}); the latest from {Peer}: {Reason}")]
    public static partial void SubscribersRefused(ILogger logger, long count, string peer, string reason, TimeSpan interval);

    [LoggerMessage(233, LogLevel.Information,
        "{Count} batches rejected since the last such line (at most one every {Interval}; each is in its upload's acknowledgement); the latest: sensor {SensorId}, batch {Sequence}: {Reason}")]
    public static partial void BatchesRejected(ILogger logger, long count, string sensorId, long sequence, string reason, TimeSpan interval);

    [LoggerMessage(234, LogLevel.Warning,
        "{Count} uploads refused since the last such line (at most one every {Interval}); the latest from {Peer}: {Reason}")]
    public static partial void UploadsRefused(ILogger logger, long count, string peer, string reason, TimeSpan interval);

    [LoggerMessage(235, LogLevel.Warning,
        "{Count} uploads refused by a per-sensor limit since the last such line (at most one every {Interval}); the latest from {Peer}, by the {Limit} limit: {Reason}")]
    public static partial void SensorLimitsReached(ILogger logger, long count, string peer, string limit, string reason, TimeSpan interval);

    [LoggerMessage(236, LogLevel.Information,
        "{Count} upload streams ended early since the last such line (at most one every {Interval}); the latest, of {SensorId}: {Reason}")]
    public static partial void UploadsEndedEarly(ILogger logger, long count, string sensorId, string reason, TimeSpan interval);

    [LoggerMessage(237, LogLevel.Warning,
        "{Count} control streams refused since the last such line (at most one every {Interval}); the latest from {Peer}: {Reason}")]
    public static partial void ControlStreamsRefused(ILogger logger, long count, string peer, string reason, TimeSpan interval);

    [LoggerMessage(238, LogLevel.Warning,
        "{Count} sequence gaps recorded as lost since the last such line (at most one every {Interval}); the latest: sensor {SensorId}, sequences {FirstSequence}..{LastSequence}: {Reason}")]
    public static partial void GapsRecorded(ILogger logger, long count, string sensorId, long firstSequence, long lastSequence, string reason, TimeSpan interval);

    [LoggerMessage(239, LogLevel.Warning,
        "{Count} greetings since the last such line (at most one every {Interval}) held batches whose sequences are stored with other readings: another process of the sensor used them, and the sensor counts them as rejected; the latest: {SensorId}, {Conflicts} batches, the first {Sequence}")]
    public static partial void GreetingsWithConflicts(ILogger logger, long count, string sensorId, int conflicts, ulong sequence, TimeSpan interval);
}
