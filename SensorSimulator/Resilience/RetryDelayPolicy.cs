using Grpc.Core;
using Ingest.Protocol;
using Ingest.SensorSimulator.Faults;
using Polly.CircuitBreaker;

namespace Ingest.SensorSimulator.Resilience;

/// <summary>
/// A sensor's use of <see cref="RetryBackoff"/>: a misconfiguration fault waits the longest, and a delay is
/// never shorter than the collector's retry hint or an open circuit's remaining break.
/// </summary>
internal sealed class RetryDelayPolicy(TimeSpan baseDelay, TimeSpan maxDelay)
{
    private readonly RetryBackoff _backoff = new(baseDelay, maxDelay);

    /// <summary>The default policy: 200 ms base, 10 s maximum.</summary>
    public static RetryDelayPolicy Default { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    public TimeSpan BaseDelay => _backoff.BaseDelay;

    public TimeSpan MaxDelay => _backoff.MaxDelay;

    /// <summary>
    /// The delay after <paramref name="failedAttempts"/> attempts failed in a row (from 1), the last with
    /// <paramref name="exception"/>; <paramref name="jitter"/> is a uniform sample in [0, 1).
    /// </summary>
    public TimeSpan NextDelay(int failedAttempts, Exception? exception, double jitter)
    {
        var kind = exception is null ? FaultKind.Transient : FaultClassifier.Classify(exception, CancellationToken.None);
        return _backoff.NextDelay(failedAttempts, kind is FaultKind.Misconfiguration or FaultKind.KeyRefused, RetryAfter(exception), jitter);
    }

    /// <inheritdoc cref="RetryBackoff.Backoff"/>
    public TimeSpan Backoff(int failedAttempts, double jitter) => _backoff.Backoff(failedAttempts, jitter);

    /// <summary>The minimum delay the failure asks for: a <c>retry-after-ms</c> trailer, or an open circuit's break.</summary>
    public static TimeSpan? RetryAfter(Exception? exception) => exception switch
    {
        RpcException rpc => WireProtocol.RetryAfter(rpc),
        BrokenCircuitException { RetryAfter: { } remaining } => remaining,
        _ => null,
    };
}
