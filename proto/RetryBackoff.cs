namespace Ingest.Protocol;

/// <summary>
/// How long a client waits before its next attempt at the collector: exponential backoff from
/// <see cref="BaseDelay"/> capped at <see cref="MaxDelay"/>, with jitter (a delay falls in the upper half of
/// its nominal value); <see cref="MaxDelay"/> after a refusal that a retry alone does not fix; never less
/// than the minimum the failure asks for (the collector's retry hint, an open circuit's break), which is itself spread by
/// the jitter over [minimum, 1.5 × minimum): a collector that refuses a whole fleet with one hint (after a restart, past its
/// connection budget) must not see it come back in the same millisecond.
/// </summary>
public sealed class RetryBackoff
{
    public RetryBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>
    /// The delay after <paramref name="failedAttempts"/> attempts failed in a row (from 1);
    /// <paramref name="jitter"/> is a uniform sample in [0, 1).
    /// </summary>
    public TimeSpan NextDelay(int failedAttempts, bool refused, TimeSpan? minimum, double jitter)
    {
        var delay = refused ? MaxDelay : Backoff(failedAttempts, jitter);
        if (minimum is not { } floor)
        {
            return delay;
        }

        var spread = floor + (floor * (0.5 * Math.Clamp(jitter, 0, 1)));
        return spread > delay ? spread : delay;
    }

    /// <summary>The nominal delay <c>min(MaxDelay, BaseDelay * 2^(failedAttempts - 1))</c>, scaled into its upper half by jitter.</summary>
    public TimeSpan Backoff(int failedAttempts, double jitter)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var nominal = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(nominal * (0.5 + (0.5 * Math.Clamp(jitter, 0, 1))));
    }
}
