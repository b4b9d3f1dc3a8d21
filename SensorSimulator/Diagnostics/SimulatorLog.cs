using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Diagnostics;

/// <summary>Every log line the simulator writes, with fixed event ids. None per reading or per batch.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Simulating {Sensors} sensors ({Kinds}) against {CollectorAddresses}: a reading every {SamplingInterval}, " +
        "batches of {BatchSize} or {BatchMaxAge}, buffer of {MaxUnackedBatches} batches ({BufferFullPolicy}), duration {Duration}")]
    public static partial void FleetStarting(
        this ILogger logger, int sensors, string kinds, string collectorAddresses, TimeSpan samplingInterval,
        int batchSize, TimeSpan batchMaxAge, int maxUnackedBatches, string bufferFullPolicy, string duration);

    [LoggerMessage(2, LogLevel.Information, "Sampling stopped; flushing buffered batches for up to {ShutdownTimeout}")]
    public static partial void FleetFlushing(this ILogger logger, TimeSpan shutdownTimeout);

    [LoggerMessage(3, LogLevel.Information,
        "All {Sensors} sensors stopped: sampled={Sampled} acked={Acked} rejected={Rejected} dropped={Dropped} lost={Lost} unacked={Unacked} retries={Retries}")]
    public static partial void FleetStopped(
        this ILogger logger, int sensors, long sampled, long acked, long rejected, long dropped, long lost, long unacked, long retries);

    [LoggerMessage(4, LogLevel.Information, "Run duration {Duration} elapsed; stopping the application")]
    public static partial void DurationElapsed(this ILogger logger, TimeSpan duration);

    [LoggerMessage(5, LogLevel.Warning,
        "{Unacked} readings of {Sensors} sensors are still unacknowledged after the flush")]
    public static partial void FlushIncomplete(this ILogger logger, long unacked, int sensors);

    [LoggerMessage(6, LogLevel.Error,
        "{Refused} of {Sensors} sensors stopped uploading because the collector refused the key; set Simulator:ApiKey to a sensor key bound to their ids")]
    public static partial void KeysRefused(this ILogger logger, int refused, int sensors);

    [LoggerMessage(8, LogLevel.Critical,
        "The collector refused the key of every one of the {Sensors} sensors: nothing is sampled or uploaded; stopping the application with exit code {ExitCode}")]
    public static partial void AllKeysRefused(this ILogger logger, int sensors, int exitCode);

    [LoggerMessage(7, LogLevel.Information, "Simulator:Chaos injected {Faults} faults into greetings, uploads and control streams (see the summary for what was acked)")]
    public static partial void ChaosFaultsInjected(this ILogger logger, long faults);

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

    [LoggerMessage(16, LogLevel.Information, "Sensor {SensorId} moved from collector {From} to {To}: {Reason}")]
    public static partial void SensorFailedOver(this ILogger logger, string sensorId, string from, string to, string reason);

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

    [LoggerMessage(24, LogLevel.Debug, "Sensor {SensorId} stopped uploading: the collector refused its key ({Reason})")]
    public static partial void SensorKeyRefused(this ILogger logger, string sensorId, string reason);

    [LoggerMessage(25, LogLevel.Error,
        "The collector refused the sensor key ({Reason}; first for sensor {SensorId}): every sensor it refuses stops sampling and uploading; " +
        "set Simulator:ApiKey to a sensor key bound to their ids")]
    public static partial void FleetKeyRefused(this ILogger logger, string sensorId, string reason);

    [LoggerMessage(30, LogLevel.Information,
        "Status: {Connected}/{Sensors} sensors connected, sampled={Sampled} acked={Acked} rejected={Rejected} dropped={Dropped} lost={Lost} unacked={Unacked} retries={Retries}")]
    public static partial void Status(
        this ILogger logger, int connected, int sensors, long sampled, long acked, long rejected, long dropped, long lost, long unacked, long retries);

    [LoggerMessage(31, LogLevel.Information,
        "Status: {Connected}/{Sensors} sensors connected, sampled={Sampled} acked={Acked} rejected={Rejected} dropped={Dropped} lost={Lost} unacked={Unacked} retries={Retries}; {FirstAckHint}")]
    public static partial void StatusBeforeFirstAck(
        this ILogger logger, int connected, int sensors, long sampled, long acked, long rejected, long dropped, long lost, long unacked, long retries, string firstAckHint);

    [LoggerMessage(40, LogLevel.Debug, "Sensor {SensorId} applied configuration v{Version} ({Hash})")]
    public static partial void SensorConfigApplied(this ILogger logger, string sensorId, ulong version, string hash);

    [LoggerMessage(41, LogLevel.Information,
        "Configuration v{Version} applied by {Applied} sensors since the last report; {Running} of {Sensors} sensors run it")]
    public static partial void ConfigApplied(this ILogger logger, ulong version, int applied, int running, int sensors);

    [LoggerMessage(42, LogLevel.Debug, "Sensor {SensorId} rejected configuration v{Version}: {Reason}")]
    public static partial void SensorConfigRejected(this ILogger logger, string sensorId, ulong version, string reason);

    [LoggerMessage(43, LogLevel.Warning,
        "Sensor {SensorId} rejected configuration v{Version} and keeps running v{RunningVersion}: {Reason} " +
        "({Rejections} rejections since the last such line)")]
    public static partial void ConfigRejected(
        this ILogger logger, string sensorId, ulong version, ulong runningVersion, string reason, int rejections);

    [LoggerMessage(44, LogLevel.Debug, "Sensor {SensorId} lost its control stream: {Reason}")]
    public static partial void SensorControlLost(this ILogger logger, string sensorId, string reason);

    [LoggerMessage(45, LogLevel.Warning,
        "Control streams lost: {Reconnecting} of {Sensors} sensors reconnecting, sampling on their last good configuration " +
        "(sensor {SensorId}: {Reason}; next attempt in {Delay})")]
    public static partial void ControlLost(
        this ILogger logger, int reconnecting, int sensors, string sensorId, string reason, TimeSpan delay);

    [LoggerMessage(46, LogLevel.Debug, "Sensor {SensorId} opened its control stream to collector {CollectorInstanceId}")]
    public static partial void SensorControlConnected(this ILogger logger, string sensorId, string collectorInstanceId);

    [LoggerMessage(47, LogLevel.Information,
        "Control streams back: {Connected} of {Sensors} sensors connected, {Reconnecting} reconnecting (sensor {SensorId} reconnected)")]
    public static partial void ControlRestored(this ILogger logger, int connected, int sensors, int reconnecting, string sensorId);

    [LoggerMessage(48, LogLevel.Debug, "Sensor {SensorId} received command {Command}")]
    public static partial void SensorCommandReceived(this ILogger logger, string sensorId, string command);

    [LoggerMessage(49, LogLevel.Error,
        "Sensor {SensorId}: the control stream stopped unexpectedly; the sensor keeps sampling on its last good configuration")]
    public static partial void ControlFailed(this ILogger logger, Exception exception, string sensorId);

    [LoggerMessage(50, LogLevel.Error,
        "Sensor {SensorId}: the collector refused the control stream's key ({Reason}); the sensor keeps sampling on its last good configuration, without control")]
    public static partial void ControlKeyRefused(this ILogger logger, string sensorId, string reason);

    [LoggerMessage(70, LogLevel.Warning,
        "The spool failed to keep batch {Sequence} of sensor {SensorId}, {Failures} batches so far: it is sent all the same, but a crash before its acknowledgement would lose it")]
    public static partial void SpoolWriteFailed(this ILogger logger, Exception exception, string sensorId, ulong sequence, long failures);
}
