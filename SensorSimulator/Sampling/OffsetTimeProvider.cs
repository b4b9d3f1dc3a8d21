namespace Ingest.SensorSimulator.Sampling;

/// <summary>
/// A clock that reads <paramref name="offset"/> ahead of <paramref name="inner"/> (behind, when negative): the clock of a
/// sensor that is set wrong. Timers and elapsed time are the inner clock's.
/// </summary>
internal sealed class OffsetTimeProvider(TimeProvider inner, TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
