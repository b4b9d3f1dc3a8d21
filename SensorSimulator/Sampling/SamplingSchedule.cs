namespace Ingest.SensorSimulator.Sampling;

/// <summary>
/// When readings are due: at exact multiples of the sampling interval (since the Unix epoch), so that
/// timestamps are regular and the packed deltas constant.
/// </summary>
internal sealed class SamplingSchedule
{
    private readonly TimeSpan _interval;
    private DateTimeOffset _next;

    public SamplingSchedule(TimeSpan interval, DateTimeOffset start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _interval = interval;
        RestartAt(start);
    }

    /// <summary>The event time of the next reading.</summary>
    public DateTimeOffset Next => _next;

    /// <summary>Takes the next due reading time, if it is not after <paramref name="now"/>.</summary>
    public bool TryTakeDue(DateTimeOffset now, out DateTimeOffset due)
    {
        due = _next;
        if (_next > now)
        {
            return false;
        }

        _next += _interval;
        return true;
    }

    /// <summary>Forgets readings due before <paramref name="now"/>: the next one is the first multiple at or after it.</summary>
    public void RestartAt(DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var remainder = sinceEpoch % _interval.Ticks;
        var aligned = remainder == 0 ? sinceEpoch : sinceEpoch - remainder + _interval.Ticks;
        _next = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + aligned, TimeSpan.Zero);
    }
}
