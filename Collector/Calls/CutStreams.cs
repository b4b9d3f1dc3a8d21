using Ingest.Collector.Diagnostics;

namespace Ingest.Collector.Calls;

/// <summary>
/// Counts the streams the collector resets because a message of theirs arrived too slowly (<see cref="MessageRate"/>),
/// and warns of them at most once per <see cref="RefusalLog.Interval"/>, with the count since the last warning.
/// </summary>
internal sealed class CutStreams(RefusalLog refusals, ILogger<CutStreams> logger)
{
    public void MessageTooSlow(HttpContext context, long buffered, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (refusals.Count(RefusalLog.MessageTooSlow) is var count and > 0)
        {
            TransportLog.SlowMessagesCut(logger, count, context.Request.Path.Value ?? "", context.Connection.RemoteIpAddress?.ToString() ?? "unknown", buffered, window);
        }
    }
}
