using System.Numerics.Tensors;

namespace Ingest.Collector.Aggregation;

/// <summary>The running aggregate of one tumbling window [start, start + length), by event time.</summary>
internal sealed class WindowAccumulator(long startMicros, long lengthMicros)
{
    private long _lastTimestampMicros = long.MinValue;
    private double _sum;

    public long StartMicros { get; } = startMicros;

    public long EndMicros { get; } = startMicros + lengthMicros;

    public long Count { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Mean => Count == 0 ? 0 : _sum / Count;

    /// <summary>The value with the latest timestamp; of equal timestamps, the one added last.</summary>
    public double Last { get; private set; }

    public void Add(long timestampMicros, double value)
    {
        Count++;
        _sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (timestampMicros >= _lastTimestampMicros)
        {
            _lastTimestampMicros = timestampMicros;
            Last = value;
        }
    }

    /// <summary>
    /// Adds a run of readings in timestamp order (non-decreasing), the last of them at
    /// <paramref name="lastTimestampMicros"/>: count, min, max and last come out exactly as from adding them
    /// one by one. The run's values are summed first (vectorised) and that sum added to the window's, so the
    /// mean can differ from a reading-by-reading sum in its last bits (floating-point addition is not associative).
    /// </summary>
    public void AddRun(long lastTimestampMicros, ReadOnlySpan<double> values)
    {
        Count += values.Length;
        _sum += TensorPrimitives.Sum(values);
        Min = Math.Min(Min, TensorPrimitives.Min(values));
        Max = Math.Max(Max, TensorPrimitives.Max(values));
        if (lastTimestampMicros >= _lastTimestampMicros)
        {
            _lastTimestampMicros = lastTimestampMicros;
            Last = values[^1];
        }
    }
}
