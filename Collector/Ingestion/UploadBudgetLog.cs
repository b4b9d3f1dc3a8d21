namespace Ingest.Collector.Ingestion;

/// <summary>
/// Log messages of the upload budgets: per-key shares, buffered bytes and idle streams (event ids 210–219). Each is
/// paced, one line per reason per <see cref="Diagnostics.RefusalLog.Interval"/> at most, with the count since the last.
/// </summary>
internal static partial class UploadBudgetLog
{
    [LoggerMessage(210, LogLevel.Warning,
        "Uploads refused by {Limit}: {Count} since the last such line (one per {Interval} at most); the latest from {Peer}: {Reason}")]
    public static partial void Refused(ILogger logger, string limit, long count, TimeSpan interval, string peer, string reason);

    [LoggerMessage(211, LogLevel.Information,
        "Idle upload streams ended: {Count} since the last such line (one per {Interval} at most); the latest from {Peer}: {Reason}")]
    public static partial void IdleEnded(ILogger logger, long count, TimeSpan interval, string peer, string reason);
}
