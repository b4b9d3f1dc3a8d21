using System.Globalization;
using Grpc.Core;
using Ingest.ServiceDefaults.Grpc;
using Polly.CircuitBreaker;

namespace Ingest.SensorSimulator.Resilience;

/// <summary>
/// How long a sensor waits before its next attempt: exponential backoff from <see cref="BaseDelay"/>
/// capped at <see cref="MaxDelay"/>, with jitter (a delay falls in the upper half of its nominal value),
/// <see cref="MaxDelay"/> after a misconfiguration fault, and never less than the collector's
/// <c>retry-after-ms</c> hint (or an open circuit's remaining break).
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

    /// <summary>The default policy: 200 ms base, 10 s maximum.</summary>
    public static RetryDelayPolicy Default { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>
    /// The delay before the attempt after attempt <paramref name="attemptNumber"/> (zero-based) failed with
    /// <paramref name="exception"/>; <paramref name="jitter"/> is a uniform sample in [0, 1).
    /// </summary>
    public TimeSpan NextDelay(int attemptNumber, Exception? exception, double jitter)
    {
        var kind = exception is null ? FaultKind.Transient : FaultClassifier.Classify(exception, CancellationToken.None);
        var delay = kind == FaultKind.Misconfiguration ? MaxDelay : Backoff(attemptNumber, jitter);
        var minimum = RetryAfter(exception);
        return minimum is { } hint && hint > delay ? hint : delay;
    }

    /// <summary>The nominal delay <c>min(MaxDelay, BaseDelay * 2^attempt)</c>, scaled into its upper half by jitter.</summary>
    public TimeSpan Backoff(int attemptNumber, double jitter)
    {
        var exponent = Math.Clamp(attemptNumber, 0, 30);
        var nominal = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var factor = 0.5 + (0.5 * Math.Clamp(jitter, 0, 1));
        return TimeSpan.FromMilliseconds(nominal * factor);
    }

    /// <summary>The minimum delay the failure asks for: a <c>retry-after-ms</c> trailer, or an open circuit's break.</summary>
    public static TimeSpan? RetryAfter(Exception? exception) => exception switch
    {
        RpcException rpc => WireProtocol.RetryAfter(rpc),
        BrokenCircuitException { RetryAfter: { } remaining } => remaining,
        _ => null,
    };

}
