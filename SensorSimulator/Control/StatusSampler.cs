using Google.Protobuf.WellKnownTypes;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Model;

namespace Ingest.SensorSimulator.Control;

/// <summary>
/// Builds one sensor's status reports; the sampling rate of each covers the time since the one before
/// (or since the sensor started).
/// </summary>
internal sealed class StatusSampler
{
    private readonly SensorCounters _counters;
    private readonly UnackedBuffer _buffer;
    private readonly int _bufferCapacityBatches;
    private readonly LiveConfiguration _live;
    private readonly TimeProvider _time;
    private DateTimeOffset _lastAt;
    private long _lastSampled;

    public StatusSampler(
        SensorCounters counters, UnackedBuffer buffer, int bufferCapacityBatches, LiveConfiguration live, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferCapacityBatches, 1);
        _counters = counters;
        _buffer = buffer;
        _bufferCapacityBatches = bufferCapacityBatches;
        _live = live;
        _time = time;
        _lastAt = time.GetUtcNow();
        _lastSampled = counters.Sampled;
    }

    /// <summary>The status now; the next report's rate starts from here.</summary>
    public SensorStatus Next()
    {
        var now = _time.GetUtcNow();
        var sampled = _counters.Sampled;
        var elapsed = now - _lastAt;
        var rate = elapsed > TimeSpan.Zero ? (sampled - _lastSampled) / elapsed.TotalSeconds : 0;
        _lastAt = now;
        _lastSampled = sampled;
        return new SensorStatus
        {
            At = Timestamp.FromDateTimeOffset(now),
            BufferFill = Math.Clamp((double)_buffer.Count / _bufferCapacityBatches, 0, 1),
            DroppedReadings = (ulong)Math.Max(0, _counters.Dropped),
            ReadingsPerSecond = rate,
            Paused = _live.Paused,
            Disabled = !_live.Settings.Enabled,
            SampledReadings = (ulong)Math.Max(0, sampled),
        };
    }
}
