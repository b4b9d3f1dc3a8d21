namespace Ingest.Collector.Connections;

/// <summary>The connection admission's log lines (event ids 240–249).</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = 240, Level = LogLevel.Warning,
        Message = "Connection from {Remote} refused ({Reason}): {Detail}; its calls are answered Unavailable with a retry hint ({Count} refused since the last such line)")]
    public static partial void Refused(ILogger logger, string remote, string reason, string detail, long count);
}
