using Ingest.Collector.Diagnostics;
using Ingest.ServiceDefaults.Logging;

namespace Ingest.Collector.Calls;

/// <summary>
/// Counts the streams the collector resets because a message of theirs arrived too slowly (<see cref="MessageRate"/>),
/// and warns of them at most once per <see cref="RefusedCalls.WarningInterval"/>, with the count since the last warning.
/// </summary>
internal sealed class CutStreams(TimeProvider time, ILogger<CutStreams> logger)
{
    private readonly LogThrottle _throttle = new(time, RefusedCalls.WarningInterval);
    private long _since;

    public void MessageTooSlow(HttpContext context, long buffered, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _since);
        if (_throttle.TryEnter())
        {
            TransportLog.SlowMessagesCut(logger, Interlocked.Exchange(ref _since, 0), context.Request.Path.Value ?? "", context.Connection.RemoteIpAddress?.ToString() ?? "unknown", buffered, window);
        }
    }
}
