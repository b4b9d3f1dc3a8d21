using System.Collections.Concurrent;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// Enforces <see cref="IngestionOptions.MaxReadingsPerSecondPerSensor"/>: one token bucket of readings per
/// sensor id, holding at least one full batch so that a legal batch always passes eventually. A bucket that
/// has refilled is the same as a new one, so it is dropped: idle sensors cost nothing, and the table never
/// holds more than <see cref="MaxTrackedSensors"/> buckets.
/// </summary>
internal sealed class SensorReadingRate(LastGoodOptions<IngestionOptions> options, TimeProvider time)
{
    /// <summary>The most buckets kept; past it, buckets that have not refilled are dropped too (their sensors start afresh).</summary>
    public const int MaxTrackedSensors = 100_000;

    /// <summary>How often refilled buckets are dropped while sensors keep sending.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, ReadingBucket> _buckets = new(StringComparer.Ordinal);
    private long _lastSweep = time.GetTimestamp();
    private int _sweeping;

    /// <summary>Buckets held now.</summary>
    public int TrackedSensors => _buckets.Count;

    /// <summary>
    /// Takes <paramref name="readings"/> from the bucket of <paramref name="sensorId"/>. False when there are
    /// not enough: <paramref name="retryAfter"/> says when there will be, <paramref name="ratePerSecond"/> the limit.
    /// </summary>
    public bool TryTake(string sensorId, int readings, out int ratePerSecond, out TimeSpan retryAfter)
    {
        var limits = options.Current;
        ratePerSecond = limits.MaxReadingsPerSecondPerSensor;
        retryAfter = TimeSpan.Zero;
        if (ratePerSecond == 0 || readings == 0)
        {
            return true;
        }

        double capacity = Math.Max(ratePerSecond, limits.MaxReadingsPerBatch);
        var now = time.GetTimestamp();
        SweepWhenDue(now, ratePerSecond, capacity);
        while (true)
        {
            var bucket = _buckets.GetOrAdd(sensorId, static (_, state) => new ReadingBucket(state.capacity, state.now), (capacity, now));
            lock (bucket)
            {
                if (bucket.Evicted)
                {
                    continue;
                }

                bucket.Refill(now, time, ratePerSecond, capacity);
                return bucket.TryTake(readings, ratePerSecond, out retryAfter);
            }
        }
    }

    private void SweepWhenDue(long now, int ratePerSecond, double capacity)
    {
        var full = _buckets.Count >= MaxTrackedSensors;
        if ((!full && time.GetElapsedTime(Interlocked.Read(ref _lastSweep), now) < SweepInterval)
            || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _lastSweep, now);
            Sweep(now, ratePerSecond, capacity, onlyRefilled: true);
            if (_buckets.Count >= MaxTrackedSensors)
            {
                // Too many sensors sending at once: forget some, which lets them send a bucket more.
                Sweep(now, ratePerSecond, capacity, onlyRefilled: false);
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private void Sweep(long now, int ratePerSecond, double capacity, bool onlyRefilled)
    {
        var target = MaxTrackedSensors * 9 / 10;
        foreach (var (sensorId, bucket) in _buckets)
        {
            if (!onlyRefilled && _buckets.Count < target)
            {
                return;
            }

            lock (bucket)
            {
                bucket.Refill(now, time, ratePerSecond, capacity);
                if (!onlyRefilled || bucket.IsFull(capacity))
                {
                    bucket.Evicted = true;
                    _buckets.TryRemove(KeyValuePair.Create(sensorId, bucket));
                }
            }
        }
    }
}
