namespace Ingest.Collector.Diagnostics;

/// <summary>
/// A latency percentile over the last <see cref="Span"/>, cheap and bounded: one slot per second of the span, each a
/// fixed set of exponential buckets (<see cref="BucketBounds"/>, 50 µs to about 2 min, each 1.5 times the one
/// before). Recording increments one counter; a percentile sums at most <see cref="Span"/>'s slots. A slot is reused
/// (cleared) once its second has left the span. Thread-safe.
/// </summary>
internal sealed class LatencyWindow
{
    /// <summary>The buckets' upper bounds, in seconds; a latency above the last counts in the last.</summary>
    public static readonly double[] BucketBounds = [.. Enumerable.Range(0, 38).Select(i => 50e-6 * Math.Pow(1.5, i))];

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long[][] _counts;
    private readonly long[] _slotSecond;
    private readonly long _origin;

    public LatencyWindow(TimeSpan span, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.FromSeconds(1));
        Span = span;
        _time = time;
        var slots = (int)Math.Ceiling(span.TotalSeconds);
        _counts = [.. Enumerable.Range(0, slots).Select(_ => new long[BucketBounds.Length])];
        _slotSecond = [.. Enumerable.Repeat(long.MinValue, slots)];
        _origin = time.GetTimestamp();
    }

    /// <summary>How far back a percentile looks.</summary>
    public TimeSpan Span { get; }

    public void Record(TimeSpan latency)
    {
        var seconds = Math.Max(0, latency.TotalSeconds);
        var bucket = Array.BinarySearch(BucketBounds, seconds);
        bucket = bucket >= 0 ? bucket : Math.Min(~bucket, BucketBounds.Length - 1);
        var second = Second();
        lock (_gate)
        {
            var slot = Slot(second);
            if (_slotSecond[slot] != second)
            {
                Array.Clear(_counts[slot]);
                _slotSecond[slot] = second;
            }

            _counts[slot][bucket]++;
        }
    }

    /// <summary>
    /// The upper bound of the bucket that holds the <paramref name="quantile"/> of the latencies recorded within the
    /// span; null when none were.
    /// </summary>
    public TimeSpan? Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var second = Second();
        var sums = new long[BucketBounds.Length];
        long total = 0;
        lock (_gate)
        {
            for (var slot = 0; slot < _counts.Length; slot++)
            {
                if (second - _slotSecond[slot] >= _counts.Length || _slotSecond[slot] > second)
                {
                    continue;
                }

                for (var bucket = 0; bucket < sums.Length; bucket++)
                {
                    sums[bucket] += _counts[slot][bucket];
                    total += _counts[slot][bucket];
                }
            }
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var bucket = 0; bucket < sums.Length; bucket++)
        {
            seen += sums[bucket];
            if (seen >= rank)
            {
                return TimeSpan.FromSeconds(BucketBounds[bucket]);
            }
        }

        return TimeSpan.FromSeconds(BucketBounds[^1]);
    }

    private long Second() => (long)_time.GetElapsedTime(_origin).TotalSeconds;

    private int Slot(long second) => (int)(second % _counts.Length);
}
