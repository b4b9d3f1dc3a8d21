using Ingest.Collector.Diagnostics;

namespace Ingest.Collector.Control;

/// <summary>
/// Ends a control stream whose sensor was silent for its limit (<see cref="Silenced"/> fires) — unless the collector itself
/// could not listen: when its queued work ran at least <see cref="ExcusingDelay"/> late during the silence
/// (<see cref="SchedulingDelay"/>), the sensor's heartbeat may be waiting unread, so the watch looks again one limit later,
/// up to <see cref="MostLimits"/> limits of silence in all. Dropping streams the collector was too busy to read would
/// send their sensors back to reconnect, adding the load that starved it. A message heard costs a timestamp, not a timer
/// change.
/// </summary>
internal sealed class SilenceWatch : IDisposable
{
    /// <summary>A delay of queued work that excuses a sensor's silence.</summary>
    public static readonly TimeSpan ExcusingDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest silence excused, in limits.</summary>
    public const int MostLimits = 4;

    private readonly TimeSpan _limit;
    private readonly SchedulingDelay _delay;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _silenced = new();
    private readonly ITimer _timer;
    private long _lastHeard;
    private int _disposed;

    public SilenceWatch(TimeSpan limit, SchedulingDelay delay, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(delay);
        ArgumentNullException.ThrowIfNull(time);
        (_limit, _delay, _time) = (limit, delay, time);
        _lastHeard = time.GetTimestamp();
        _timer = time.CreateTimer(static watch => ((SilenceWatch)watch!).Check(), this, limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Fires when the sensor has been silent too long.</summary>
    public CancellationToken Silenced => _silenced.Token;

    /// <summary>How long the sensor had been silent when <see cref="Silenced"/> fired.</summary>
    public TimeSpan Silence { get; private set; }

    /// <summary>Times a silence past the limit was excused because the collector ran late.</summary>
    public int Excused { get; private set; }

    /// <summary>The sensor was heard from now.</summary>
    public void Heard() => Volatile.Write(ref _lastHeard, _time.GetTimestamp());

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _timer.Dispose();
            _silenced.Dispose();
        }
    }

    private void Check()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        var silence = _time.GetElapsedTime(Volatile.Read(ref _lastHeard));
        if (silence < _limit)
        {
            _timer.Change(_limit - silence, Timeout.InfiniteTimeSpan);
            return;
        }

        if (silence < _limit * MostLimits && _delay.LargestWithin(silence) >= ExcusingDelay)
        {
            Excused++;
            _timer.Change(_limit, Timeout.InfiniteTimeSpan);
            return;
        }

        Silence = silence;
        try
        {
            _silenced.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended meanwhile.
        }
    }
}
