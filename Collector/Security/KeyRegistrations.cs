namespace Ingest.Collector.Security;

/// <summary>
/// One key's new-sensor budget: a token bucket of registrations and the ids it registered that the collector still
/// knows. Not thread-safe: <see cref="SensorRegistrationBudget"/> holds its lock around every use.
/// </summary>
internal sealed class KeyRegistrations(double tokens, long now)
{
    private double _tokens = tokens;
    private long _refilled = now;

    /// <summary>The ids this key registered that are not forgotten.</summary>
    public HashSet<string> Sensors { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes one registration from the bucket, refilled at <paramref name="perSecond"/> up to <paramref name="burst"/> since
    /// the last call. False when it is empty: <paramref name="retryAfter"/> says when the next one will be there.
    /// </summary>
    public bool TryTake(long now, TimeProvider time, int perSecond, int burst, out TimeSpan retryAfter)
    {
        var elapsed = time.GetElapsedTime(_refilled, now);
        _refilled = now;
        _tokens = Math.Min(burst, _tokens + (elapsed.TotalSeconds * perSecond));
        if (_tokens >= 1)
        {
            _tokens -= 1;
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
        return false;
    }
}
