using Ingest.Protocol;

namespace Ingest.Dashboard.Feed;

/// <summary>The dashboard's use of <see cref="RetryBackoff"/>: a refusal waits the longest, a retry hint at least its time.</summary>
internal sealed class RetryDelayPolicy(TimeSpan baseDelay, TimeSpan maxDelay)
{
    private readonly RetryBackoff _backoff = new(baseDelay, maxDelay);

    public TimeSpan BaseDelay => _backoff.BaseDelay;

    public TimeSpan MaxDelay => _backoff.MaxDelay;

    /// <summary>
    /// The delay after <paramref name="failedAttempts"/> attempts failed in a row (from 1), the last with
    /// <paramref name="exception"/>; <paramref name="jitter"/> is a uniform sample in [0, 1).
    /// </summary>
    public TimeSpan NextDelay(int failedAttempts, Exception? exception, double jitter) =>
        _backoff.NextDelay(failedAttempts, FeedFaults.IsRefusal(exception), FeedFaults.RetryAfter(exception), jitter);

    /// <inheritdoc cref="RetryBackoff.Backoff"/>
    public TimeSpan Backoff(int failedAttempts, double jitter) => _backoff.Backoff(failedAttempts, jitter);
}
