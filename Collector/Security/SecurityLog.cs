namespace Ingest.Collector.Security;

/// <summary>The log lines of key authentication; they name keys, never their values.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(80, LogLevel.Warning, "Call {Method} from {Peer} refused (Unauthenticated): {Reason}")]
    public static partial void Unauthenticated(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(81, LogLevel.Warning, "Call {Method} from {Peer} with key {KeyName} refused (PermissionDenied): {Reason}")]
    public static partial void PermissionDenied(ILogger logger, string method, string peer, string keyName, string reason);

    [LoggerMessage(82, LogLevel.Information, "Security: {Keys} keys ({Sensor} sensor, {Viewer} viewer, {Admin} admin); health {Health}, reflection {Reflection}")]
    public static partial void KeysLoaded(ILogger logger, int keys, int sensor, int viewer, int admin, AccessMode health, AccessMode reflection);
}
