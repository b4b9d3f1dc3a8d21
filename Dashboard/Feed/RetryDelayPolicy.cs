namespace Ingest.Dashboard.Feed;

/// <summary>
/// How long the dashboard waits before its next attempt: exponential backoff from <see cref="BaseDelay"/>
/// capped at <see cref="MaxDelay"/>, with jitter (a delay falls in the upper half of its nominal value);
/// <see cref="MaxDelay"/> after a refusal; never less than the collector's <c>retry-after-ms</c> hint.
/// </summary>
internal sealed class RetryDelayPolicy
{
    public RetryDelayPolicy(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>
    /// The delay after <paramref name="failedAttempts"/> attempts failed in a row (from 1), the last with
    /// <paramref name="exception"/>; <paramref name="jitter"/> is a uniform sample in [0, 1).
    /// </summary>
    public TimeSpan NextDelay(int failedAttempts, Exception? exception, double jitter)
    {
        var delay = FeedFaults.IsRefusal(exception) ? MaxDelay : Backoff(failedAttempts, jitter);
        return FeedFaults.RetryAfter(exception) is { } hint && hint > delay ? hint : delay;
    }

    /// <summary>The nominal delay <c>min(MaxDelay, BaseDelay * 2^(failedAttempts - 1))</c>, scaled into its upper half by jitter.</summary>
    public TimeSpan Backoff(int failedAttempts, double jitter)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var nominal = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(nominal * (0.5 + (0.5 * Math.Clamp(jitter, 0, 1))));
    }
}
