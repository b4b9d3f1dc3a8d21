using Grpc.Core;
using Ingest.Protocol;
using Ingest.SensorSimulator.Resilience;
using Polly.CircuitBreaker;

namespace Ingest.SensorSimulator.Tests.Resilience;

public sealed class RetryDelayPolicyTests
{
    private static readonly RetryDelayPolicy Policy = RetryDelayPolicy.Default;

    private static readonly double[] Jitters = [0.0, 0.25, 0.5, 0.75, 0.999];

    [Fact]
    public void NextDelay_HonoursRetryAfterTrailerAsTheMinimum()
    {
        var refused = Refusal(StatusCode.ResourceExhausted, retryAfterMs: "3000");

        var delay = Policy.NextDelay(failedAttempts: 1, refused, jitter: 0);

        Assert.Equal(TimeSpan.FromSeconds(3), delay);
    }

    [Fact]
    public void NextDelay_RetryAfter_IsSpreadAboveTheHintByJitterSoThatAFleetDoesNotReturnAtOnce()
    {
        var refused = Refusal(StatusCode.Unavailable, retryAfterMs: "2000");

        var delays = Jitters.Select(jitter => Policy.NextDelay(failedAttempts: 1, refused, jitter)).ToList();

        Assert.Equal(TimeSpan.FromSeconds(2), delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(2.5), delays[2]);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)));
        Assert.Equal(delays.Count, delays.Distinct().Count());
    }

    [Fact]
    public void NextDelay_RetryAfterShorterThanTheBackoff_KeepsTheBackoff()
    {
        var refused = Refusal(StatusCode.ResourceExhausted, retryAfterMs: "1");

        var delay = Policy.NextDelay(failedAttempts: 6, refused, jitter: 1);

        Assert.Equal(TimeSpan.FromMilliseconds(6_400), delay);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void NextDelay_UnreadableRetryAfter_IsIgnored(string value)
    {
        var delay = Policy.NextDelay(failedAttempts: 1, Refusal(StatusCode.ResourceExhausted, value), jitter: 1);

        Assert.Equal(TimeSpan.FromMilliseconds(200), delay);
    }

    [Fact]
    public void NextDelay_HugeRetryAfter_IsCapped()
    {
        var delay = Policy.NextDelay(failedAttempts: 1, Refusal(StatusCode.ResourceExhausted, "999999999"), jitter: 0);

        Assert.Equal(WireProtocol.MaxRetryAfter, delay);
    }

    [Fact]
    public void NextDelay_WithoutHint_GrowsExponentiallyWithinJitterBounds()
    {
        var unavailable = Refusal(StatusCode.Unavailable, retryAfterMs: null);
        var previousNominal = TimeSpan.Zero;
        for (var failedAttempts = 1; failedAttempts <= 12; failedAttempts++)
        {
            var nominal = TimeSpan.FromMilliseconds(Math.Min(10_000, 200 * Math.Pow(2, failedAttempts - 1)));
            foreach (var jitter in new[] { 0.0, 0.25, 0.5, 0.999 })
            {
                var delay = Policy.NextDelay(failedAttempts, unavailable, jitter);
                Assert.InRange(delay, nominal / 2, nominal);
            }

            Assert.True(nominal >= previousNominal);
            previousNominal = nominal;
        }
    }

    [Fact]
    public void NextDelay_JitterSpreadsDelaysOfTheSameAttempt()
    {
        var low = Policy.NextDelay(4, new IOException("reset"), jitter: 0.1);
        var high = Policy.NextDelay(4, new IOException("reset"), jitter: 0.9);

        Assert.True(high > low);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void NextDelay_ManyAttempts_NeverExceedsTheMaximum(int failedAttempts)
    {
        var delay = Policy.NextDelay(failedAttempts, new HttpRequestException("refused"), jitter: 0.999);

        Assert.InRange(delay, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated)]
    public void NextDelay_Misconfiguration_RetriesSlowlyFromTheFirstAttempt(StatusCode status)
    {
        var delay = Policy.NextDelay(failedAttempts: 1, Refusal(status, retryAfterMs: null), jitter: 0);

        Assert.Equal(Policy.MaxDelay, delay);
    }

    [Fact]
    public void NextDelay_OpenCircuit_WaitsAtLeastTheRemainingBreak()
    {
        var broken = new BrokenCircuitException("open", TimeSpan.FromSeconds(4));

        var delay = Policy.NextDelay(failedAttempts: 1, broken, jitter: 0);

        Assert.Equal(TimeSpan.FromSeconds(4), delay);
    }

    private static RpcException Refusal(StatusCode status, string? retryAfterMs)
    {
        var trailers = new Metadata();
        if (retryAfterMs is not null)
        {
            trailers.Add("retry-after-ms", retryAfterMs);
        }

        return new RpcException(new Status(status, "refused"), trailers);
    }
}
