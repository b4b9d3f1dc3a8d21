using Ingest.Collector.Model;

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
    /// one by one; the sum as <see cref="RunStatistics.Of"/> says.
    /// </summary>
    public void AddRun(long lastTimestampMicros, ReadOnlySpan<double> values)
    {
        var statistics = RunStatistics.Of(values);
        Add(new WindowRun(StartMicros, values.Length, statistics.Sum, statistics.Min, statistics.Max, values[^1], lastTimestampMicros));
    }

    /// <summary>Adds a run summed up beforehand (<see cref="WindowRun"/>); its last reading is its latest.</summary>
    public void Add(WindowRun run)
    {
        Count += run.Count;
        _sum += run.Sum;
        Min = Math.Min(Min, run.Min);
        Max = Math.Max(Max, run.Max);
        if (run.LastTimestampMicros >= _lastTimestampMicros)
        {
            _lastTimestampMicros = run.LastTimestampMicros;
            Last = run.Last;
        }
    }
}
