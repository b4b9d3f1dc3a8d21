using Ingest.Collector.Diagnostics;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Connections;

/// <summary>
/// The collector's memory, GC and CPU pressure, as signals to refuse new connections: resident memory over
/// <see cref="ConnectionOptions.MaxMemoryBytes"/>, the share of the last second paused for GC over
/// <see cref="ConnectionOptions.MaxGcPauseShare"/>, or queued work running later than
/// <see cref="ConnectionOptions.MaxSchedulingDelay"/> on average (<see cref="SchedulingDelay"/>). Sampled at most once per <see cref="SampleInterval"/>, so that a burst
/// of connections costs one reading.
/// </summary>
internal sealed class ConnectionPressure(ConnectionOptions options, TimeProvider time, Func<long> residentBytes, Func<TimeSpan> totalPause, Func<TimeSpan> schedulingDelay)
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private long _sampledAt = long.MinValue;
    private TimeSpan _pauseAtSample;
    private ConnectionRefusal? _current;

    public ConnectionPressure(ConnectionOptions options, TimeProvider time, SchedulingDelay schedulingDelay)
        : this(options, time, () => Environment.WorkingSet, GC.GetTotalPauseDuration, () => schedulingDelay.Recent)
    {
    }

    /// <summary>The refusal the pressure calls for now; null when there is none.</summary>
    public ConnectionRefusal? Check()
    {
        if (options.MaxMemoryBytes == 0 && options.MaxGcPauseShare >= 1 && options.MaxSchedulingDelay <= TimeSpan.Zero)
        {
            return null;
        }

        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_sampledAt != long.MinValue && time.GetElapsedTime(_sampledAt, now) < SampleInterval)
            {
                return _current;
            }

            var pause = totalPause();
            var share = _sampledAt == long.MinValue ? 0 : (pause - _pauseAtSample) / time.GetElapsedTime(_sampledAt, now);
            (_sampledAt, _pauseAtSample) = (now, pause);
            var resident = options.MaxMemoryBytes > 0 ? residentBytes() : 0;
            _current = options.MaxMemoryBytes > 0 && resident > options.MaxMemoryBytes
                ? new ConnectionRefusal(
                    ConnectionRefusal.Memory,
                    $"the collector is near its memory budget ({resident / 1048576:N0} MiB resident, Collector:Connections:MaxMemoryBytes is {options.MaxMemoryBytes / 1048576:N0} MiB) and admits no new connection",
                    options.RetryAfter)
                : share > options.MaxGcPauseShare
                    ? new ConnectionRefusal(
                        ConnectionRefusal.GcPause,
                        $"the collector spent {share:P0} of the last second in garbage collection (Collector:Connections:MaxGcPauseShare is {options.MaxGcPauseShare:P0}) and admits no new connection",
                        options.RetryAfter)
                    : options.MaxSchedulingDelay > TimeSpan.Zero && schedulingDelay() is var delay && delay > options.MaxSchedulingDelay
                        ? new ConnectionRefusal(
                            ConnectionRefusal.SchedulingDelay,
                            $"the collector's cores are taken: its work waited {delay.TotalMilliseconds:N0} ms on average in the last second to run (Collector:Connections:MaxSchedulingDelay is {options.MaxSchedulingDelay.TotalMilliseconds:N0} ms), and it admits no new connection",
                            options.RetryAfter)
                        : null;
            return _current;
        }
    }
}
