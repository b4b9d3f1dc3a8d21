namespace Ingest.Collector.Ingestion;

/// <summary>
/// One sensor's token bucket of readings: it refills at the rate continuously up to its capacity. Not
/// thread-safe on its own; <see cref="SensorReadingRate"/> locks it.
/// </summary>
internal sealed class ReadingBucket(double tokens, long timestamp)
{
    // Refills add fractions of tokens; a rounding error must not refuse a batch the retry hint promised to pass.
    private const double Tolerance = 1e-6;

    private double _tokens = tokens;
    private long _timestamp = timestamp;

    /// <summary>Set once the bucket left its table; a caller holding it looks it up again.</summary>
    public bool Evicted { get; set; }

    /// <summary>Refills for the time since the last call, up to <paramref name="capacity"/>.</summary>
    public void Refill(long now, TimeProvider time, double ratePerSecond, double capacity)
    {
        var elapsed = time.GetElapsedTime(_timestamp, now).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(capacity, _tokens + elapsed * ratePerSecond);
            _timestamp = now;
        }
        else
        {
            _tokens = Math.Min(capacity, _tokens);
        }
    }

    public bool IsFull(double capacity) => _tokens + Tolerance >= capacity;

    /// <summary>Takes <paramref name="count"/> tokens, or none and says how long until there are enough.</summary>
    public bool TryTake(int count, double ratePerSecond, out TimeSpan retryAfter)
    {
        if (_tokens + Tolerance >= count)
        {
            _tokens = Math.Max(_tokens - count, 0);
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = TimeSpan.FromSeconds((count - _tokens) / ratePerSecond);
        return false;
    }
}
