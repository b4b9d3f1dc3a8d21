namespace Ingest.LoadBenchmark.Measurement;

/// <summary>
/// Latency samples in a fixed amount of memory: logarithmic buckets, each <see cref="BucketRatio"/> times
/// wider than the one before, from <see cref="Lowest"/> to <see cref="Highest"/>. A percentile is the middle
/// (geometric mean) of the bucket that holds the nearest-rank sample, so it is within 1 % of that sample
/// (values below <see cref="Lowest"/> within <see cref="Lowest"/>; above <see cref="Highest"/> they count in
/// the last bucket). Recording is thread-safe and allocates nothing.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>How much wider each bucket is than the one before: a bucket's middle is within 1 % of any value in it.</summary>
    public const double BucketRatio = 1.02;

    /// <summary>The smallest latency told apart from zero.</summary>
    public static readonly TimeSpan Lowest = TimeSpan.FromMicroseconds(1);

    /// <summary>The largest latency measured within 1 %; longer ones count as this long, the exact maximum is kept apart.</summary>
    public static readonly TimeSpan Highest = TimeSpan.FromMinutes(10);

    private static readonly double LogRatio = Math.Log(BucketRatio);

    /// <summary>Bucket 0 holds everything below <see cref="Lowest"/>; bucket i ≥ 1 holds [Lowest·r^(i-1), Lowest·r^i).</summary>
    private static readonly int BucketCount = 2 + (int)Math.Ceiling(Math.Log((double)Highest.Ticks / Lowest.Ticks) / LogRatio);

    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _maxTicks = -1;
    private long _minTicks = long.MaxValue;

    /// <summary>Samples recorded so far.</summary>
    public long Count => Interlocked.Read(ref _total);

    /// <summary>The longest sample recorded, exactly; null without samples.</summary>
    public TimeSpan? Max => Interlocked.Read(ref _maxTicks) is var max and >= 0 ? TimeSpan.FromTicks(max) : null;

    /// <summary>Records one latency (negative ones as zero).</summary>
    public void Record(TimeSpan latency)
    {
        var ticks = Math.Max(latency.Ticks, 0);
        Interlocked.Increment(ref _counts[BucketOf(ticks)]);
        Interlocked.Increment(ref _total);
        Raise(ref _maxTicks, ticks);
        Lower(ref _minTicks, ticks);
    }

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < BucketCount; i++)
        {
            var count = Interlocked.Read(ref other._counts[i]);
            if (count > 0)
            {
                Interlocked.Add(ref _counts[i], count);
            }
        }

        Interlocked.Add(ref _total, other.Count);
        Raise(ref _maxTicks, Interlocked.Read(ref other._maxTicks));
        Lower(ref _minTicks, Interlocked.Read(ref other._minTicks));
    }

    /// <summary>
    /// The <paramref name="percentile"/>-th percentile (0 &lt; p ≤ 100) by the nearest-rank method, within 1 %
    /// (see the class); null without samples.
    /// </summary>
    public TimeSpan? Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = Percentiles.Rank(percentile, total);
        if (rank == total)
        {
            return Max; // The top rank is the largest sample, known exactly.
        }

        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                // The exact extremes are better than a bucket's middle beyond them.
                var middle = Math.Max(Middle(i), Interlocked.Read(ref _minTicks));
                return TimeSpan.FromTicks(Math.Min(middle, Interlocked.Read(ref _maxTicks)));
            }
        }

        return Max;
    }

    private static int BucketOf(long ticks)
    {
        if (ticks < Lowest.Ticks)
        {
            return 0;
        }

        var index = 1 + (int)Math.Floor(Math.Log((double)ticks / Lowest.Ticks) / LogRatio);
        return Math.Min(index, BucketCount - 1);
    }

    /// <summary>The geometric middle of bucket <paramref name="index"/>, in ticks (half of <see cref="Lowest"/> for bucket 0).</summary>
    private static long Middle(int index) => index == 0
        ? Lowest.Ticks / 2
        : (long)Math.Round(Lowest.Ticks * Math.Pow(BucketRatio, index - 0.5));

    private static void Raise(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static void Lower(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
