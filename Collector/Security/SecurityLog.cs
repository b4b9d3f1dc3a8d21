namespace Ingest.Collector.Security;

/// <summary>The log lines of key authentication; they name keys, never their values.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(83, LogLevel.Warning, "Calls refused ({Reason}): {Count} since the last such warning (at most one every 10 s, and none between, at any level); the latest: {Method} from {Peer}: {Detail}")]
    public static partial void CallsRefused(ILogger logger, string reason, long count, string method, string peer, string detail);

    [LoggerMessage(82, LogLevel.Information, "Security: {Keys} keys ({Sensor} sensor, {Viewer} viewer, {Admin} admin); health {Health}, reflection {Reflection}, metrics {Metrics}")]
    public static partial void KeysLoaded(ILogger logger, int keys, int sensor, int viewer, int admin, AccessMode health, AccessMode reflection, AccessMode metrics);
}
