namespace Ingest.ServiceDefaults.Logging;

/// <summary>Lets a log line through at most once per interval, across threads.</summary>
public sealed class LogThrottle
{
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private long _nextAllowedTicks = long.MinValue;

    public LogThrottle(TimeProvider time, TimeSpan interval)
    {
        _time = time;
        _intervalTicks = interval.Ticks;
    }

    /// <summary>True when the line may be written now; the next one then waits for the interval.</summary>
    public bool TryEnter()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var nextAllowed = Interlocked.Read(ref _nextAllowedTicks);
        return now >= nextAllowed &&
            Interlocked.CompareExchange(ref _nextAllowedTicks, now + _intervalTicks, nextAllowed) == nextAllowed;
    }
}
