using Microsoft.Extensions.Logging;

namespace Ingest.Dashboard.Diagnostics;

/// <summary>Every log line the dashboard writes, with fixed event ids. None per update.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(1, LogLevel.Information, "Connected to collector {CollectorInstanceId} (version {CollectorVersion}) at {CollectorAddress}")]
    public static partial void Connected(this ILogger logger, string collectorInstanceId, string collectorVersion, string collectorAddress);

    [LoggerMessage(2, LogLevel.Information, "Snapshot of {SensorCount} sensors received")]
    public static partial void SnapshotReceived(this ILogger logger, uint sensorCount);

    [LoggerMessage(3, LogLevel.Warning,
        "Collector at {CollectorAddress} not reachable ({Reason}); attempt {FailedAttempts} failed, retrying in {Delay}")]
    public static partial void Retrying(this ILogger logger, string collectorAddress, string reason, int failedAttempts, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Warning, "{Operation}: the collector at {CollectorAddress} did not answer ({Reason}); trying {NextCollectorAddress}")]
    public static partial void FailingOver(this ILogger logger, string operation, string collectorAddress, string reason, string nextCollectorAddress);

    [LoggerMessage(10, LogLevel.Information, "Exported {Readings} readings of {SensorId} from {From} to {To} to {Destination}")]
    public static partial void Exported(this ILogger logger, long readings, string sensorId, DateTimeOffset from, DateTimeOffset to, string destination);

    [LoggerMessage(11, LogLevel.Error, "{Operation} against the collector at {CollectorAddress} failed: {Reason}")]
    public static partial void CollectorCallFailed(this ILogger logger, string operation, string collectorAddress, string reason);

    [LoggerMessage(20, LogLevel.Information,
        "Set {Settings} in the override of {Scope}: version {Version}, {SensorsAffected} sensors affected")]
    public static partial void OverrideSet(this ILogger logger, string settings, string scope, ulong version, uint sensorsAffected);

    [LoggerMessage(21, LogLevel.Information,
        "Removed {Settings} from the override of {Scope}: version {Version}, {SensorsAffected} sensors affected")]
    public static partial void OverrideRemoved(this ILogger logger, string settings, string scope, ulong version, uint sensorsAffected);

    [LoggerMessage(22, LogLevel.Information,
        "Version {Version} acknowledged by {Acknowledged} of {Sensors} sensors, {Rejected} rejected, after {Elapsed} (timed out: {TimedOut})")]
    public static partial void WaitEnded(this ILogger logger, ulong version, int acknowledged, int sensors, int rejected, TimeSpan elapsed, bool timedOut);

    [LoggerMessage(23, LogLevel.Information, "Command {Command} for {Scope} reached {SensorsReached} sensors, {SensorsSkipped} skipped")]
    public static partial void CommandSent(this ILogger logger, string command, string scope, uint sensorsReached, uint sensorsSkipped);
}
