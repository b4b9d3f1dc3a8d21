using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Diagnostics;

/// <summary>Every log line the simulator writes, with fixed event ids. None per reading or per batch.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Simulating {Sensors} sensors ({Kinds}) against {CollectorAddress}: a reading every {SamplingInterval}, " +
        "batches of {BatchSize} or {BatchMaxAge}, buffer of {MaxUnackedBatches} batches ({BufferFullPolicy}), duration {Duration}")]
    public static partial void FleetStarting(
        this ILogger logger, int sensors, string kinds, string collectorAddress, TimeSpan samplingInterval,
        int batchSize, TimeSpan batchMaxAge, int maxUnackedBatches, string bufferFullPolicy, string duration);

    [LoggerMessage(2, LogLevel.Information, "Sampling stopped; flushing buffered batches for up to {ShutdownTimeout}")]
    public static partial void FleetFlushing(this ILogger logger, TimeSpan shutdownTimeout);

    [LoggerMessage(3, LogLevel.Information,
        "All {Sensors} sensors stopped: sampled={Sampled} acked={Acked} dropped={Dropped} unacked={Unacked} retries={Retries}")]
    public static partial void FleetStopped(
        this ILogger logger, int sensors, long sampled, long acked, long dropped, long unacked, long retries);

    [LoggerMessage(4, LogLevel.Information, "Run duration {Duration} elapsed; stopping the application")]
    public static partial void DurationElapsed(this ILogger logger, TimeSpan duration);

    [LoggerMessage(5, LogLevel.Warning,
        "{Unacked} readings of {Sensors} sensors are still unacknowledged after the flush")]
    public static partial void FlushIncomplete(this ILogger logger, long unacked, int sensors);

    [LoggerMessage(10, LogLevel.Debug,
        "Sensor {SensorId} greeted collector {CollectorInstanceId}; resuming after sequence {CommittedSequence}")]
    public static partial void SensorGreeted(this ILogger logger, string sensorId, string collectorInstanceId, ulong committedSequence);

    [LoggerMessage(11, LogLevel.Warning,
        "Collector unavailable: {Retrying} of {Sensors} sensors retrying (sensor {SensorId}: {Reason}; next attempt in {Delay})")]
    public static partial void CollectorUnavailable(
        this ILogger logger, int retrying, int sensors, string sensorId, string reason, TimeSpan delay);

    [LoggerMessage(12, LogLevel.Information,
        "Collector reachable again: {Connected} of {Sensors} sensors connected, {Retrying} retrying (sensor {SensorId} reconnected)")]
    public static partial void CollectorReachable(this ILogger logger, int connected, int sensors, int retrying, string sensorId);

    [LoggerMessage(13, LogLevel.Error,
        "Collector refused sensor {SensorId} ({Reason}); check the configuration. {Retrying} sensors retrying every {Delay}")]
    public static partial void CollectorRefused(this ILogger logger, string sensorId, string reason, int retrying, TimeSpan delay);

    [LoggerMessage(14, LogLevel.Debug, "Sensor {SensorId} lost the collector: {Reason}")]
    public static partial void SensorDisconnected(this ILogger logger, string sensorId, string reason);

    [LoggerMessage(15, LogLevel.Debug, "Sensor {SensorId} reconnected")]
    public static partial void SensorReconnected(this ILogger logger, string sensorId);

    [LoggerMessage(20, LogLevel.Warning,
        "Collector rejected {RejectedBatches} batches ({RejectedReadings} readings) of sensor {SensorId}: {Reason}")]
    public static partial void BatchesRejected(
        this ILogger logger, int rejectedBatches, int rejectedReadings, string sensorId, string reason);

    [LoggerMessage(21, LogLevel.Debug,
        "Sensor {SensorId}: the acknowledgement did not cover {RequeuedBatches} batches (committed sequence {CommittedSequence}); they will be resent")]
    public static partial void BatchesRequeued(this ILogger logger, string sensorId, int requeuedBatches, ulong committedSequence);

    [LoggerMessage(22, LogLevel.Debug, "Sensor {SensorId}: the final greeting failed: {Reason}")]
    public static partial void FinalGreetFailed(this ILogger logger, string sensorId, string reason);

    [LoggerMessage(23, LogLevel.Error, "Sensor {SensorId} stopped unexpectedly")]
    public static partial void SensorFailed(this ILogger logger, Exception exception, string sensorId);

    [LoggerMessage(30, LogLevel.Information,
        "Status: {Connected}/{Sensors} sensors connected, sampled={Sampled} acked={Acked} dropped={Dropped} unacked={Unacked} retries={Retries}")]
    public static partial void Status(
        this ILogger logger, int connected, int sensors, long sampled, long acked, long dropped, long unacked, long retries);
}
