using System.Diagnostics.Metrics;

namespace Ingest.Collector.Diagnostics;

/// <summary>
/// How long the collector's work waits for a thread. Every <see cref="SampleInterval"/> a timer queues a step to the thread
/// pool, and how late that step runs is the delay: heartbeats, acks and new connections wait in the same queue, so a
/// collector whose cores are taken (by its own load, by GC, by other processes on the machine) shows it here first.
/// <see cref="Recent"/> is the mean of the last second's samples (a signal for admitting connections: one long GC pause
/// moves it little, cores taken for good move it all); <see cref="LargestWithin"/> the largest delay of a recent span (so
/// that silence the collector caused is not blamed on a sensor). A step that is overdue counts as late as it is now, so a
/// collector too starved to take samples still reads as starved. Metric <c>ingest.runtime.scheduling_delay</c>.
/// </summary>
internal sealed class SchedulingDelay
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Samples in <see cref="Recent"/>'s mean: one second's.</summary>
    public const int RecentSamples = 10;

    /// <summary>Seconds of largest delays kept for <see cref="LargestWithin"/>.</summary>
    public const int Seconds = 120;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly TimeSpan[] _recent = new TimeSpan[RecentSamples];
    private readonly long[] _secondOf = new long[Seconds];
    private readonly TimeSpan[] _largest = new TimeSpan[Seconds];
    private readonly long _started;
    private int _recentCount;
    private int _recentNext;
    private long _lastSample;
    private long _samples;

    public SchedulingDelay(TimeProvider time, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _time = time;
        _started = time.GetTimestamp();
        _lastSample = _started;
        Array.Fill(_secondOf, -1);
        meterFactory.Create(IngestMetrics.MeterName).CreateObservableGauge(
            "ingest.runtime.scheduling_delay", () => Recent.TotalSeconds, "s",
            "How late work queued to the collector's threads runs, the mean of the last second: near zero while it has cores to spare.");
    }

    /// <summary>Samples taken since the collector started.</summary>
    public long SamplesTaken => Interlocked.Read(ref _samples);

    /// <summary>The mean delay of the last second's samples, or how overdue the next sample is when that is more.</summary>
    public TimeSpan Recent
    {
        get
        {
            lock (_gate)
            {
                var sum = TimeSpan.Zero;
                for (var i = 0; i < _recentCount; i++)
                {
                    sum += _recent[i];
                }

                var mean = _recentCount == 0 ? TimeSpan.Zero : sum / _recentCount;
                return Max(mean, OverdueLocked());
            }
        }
    }

    /// <summary>The largest delay seen within the last <paramref name="span"/> (at most <see cref="Seconds"/> seconds), overdue samples included.</summary>
    public TimeSpan LargestWithin(TimeSpan span)
    {
        lock (_gate)
        {
            var now = SecondOf(_time.GetTimestamp());
            var oldest = now - (long)Math.Ceiling(Math.Min(span.TotalSeconds, Seconds - 1));
            var largest = OverdueLocked();
            for (var i = 0; i < Seconds; i++)
            {
                if (_secondOf[i] >= oldest && _secondOf[i] <= now)
                {
                    largest = Max(largest, _largest[i]);
                }
            }

            return largest;
        }
    }

    /// <summary>Takes one sample every <see cref="SampleInterval"/> until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = _time.GetTimestamp();
            try
            {
                await Task.Delay(SampleInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Record(_time.GetElapsedTime(due) - SampleInterval);
        }
    }

    /// <summary>Records one sample: the step due now ran <paramref name="delay"/> late.</summary>
    public void Record(TimeSpan delay)
    {
        delay = Max(delay, TimeSpan.Zero);
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _lastSample = now;
            _samples++;
            _recent[_recentNext] = delay;
            _recentNext = (_recentNext + 1) % RecentSamples;
            _recentCount = Math.Min(_recentCount + 1, RecentSamples);
            var second = SecondOf(now);
            var slot = (int)(second % Seconds);
            if (_secondOf[slot] != second)
            {
                (_secondOf[slot], _largest[slot]) = (second, TimeSpan.Zero);
            }

            _largest[slot] = Max(_largest[slot], delay);
        }
    }

    private TimeSpan OverdueLocked() => Max(_time.GetElapsedTime(_lastSample) - SampleInterval - SampleInterval, TimeSpan.Zero);

    private long SecondOf(long timestamp) => (long)_time.GetElapsedTime(_started, timestamp).TotalSeconds;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
