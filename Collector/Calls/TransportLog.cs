namespace Ingest.Collector.Calls;

/// <summary>The log lines of the transport budgets (<see cref="TransportOptions"/>).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(200, LogLevel.Warning, "Streams reset for a message arriving too slowly: {Count} since the last such warning (at most one per Collector:RefusalLog:Interval); the latest: {Method} from {Peer}, {Buffered} bytes of a message buffered and too few more in {Window}")]
    public static partial void SlowMessagesCut(ILogger logger, long count, string method, string peer, long buffered, TimeSpan window);
}
