namespace Ingest.Collector.Ingestion;

/// <summary>Log messages of the per-sensor limits (event ids 120–129).</summary>
internal static partial class IngestionLimitLog
{
    [LoggerMessage(120, LogLevel.Warning, "Upload from {Peer} refused by the {Limit} limit: {Reason}")]
    public static partial void SensorLimitReached(ILogger logger, string peer, string limit, string reason);
}
