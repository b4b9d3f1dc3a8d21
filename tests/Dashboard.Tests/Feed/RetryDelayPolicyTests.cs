using Grpc.Core;
using Ingest.Dashboard.Feed;
using Ingest.Protocol;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Feed;

public sealed class RetryDelayPolicyTests
{
    private static readonly RetryDelayPolicy Policy = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData(1, 0.0, 250)]
    [InlineData(1, 1.0, 500)]
    [InlineData(2, 1.0, 1_000)]
    [InlineData(4, 1.0, 4_000)]
    [InlineData(6, 1.0, 10_000)]
    [InlineData(60, 0.0, 5_000)]
    public void NextDelay_GrowsExponentiallyWithJitterUpToTheMaximum(int failedAttempts, double jitter, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Policy.NextDelay(failedAttempts, Rpc(StatusCode.Unavailable), jitter));

    [Theory]
    [InlineData(0.0, 3_000)]
    [InlineData(0.5, 3_750)]
    public void NextDelay_RetryAfterLongerThanTheBackoff_IsHonouredAndSpreadAboveIt(double jitter, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Policy.NextDelay(1, Rpc(StatusCode.ResourceExhausted, retryAfterMs: "3000"), jitter));

    [Fact]
    public void NextDelay_RetryAfterShorterThanTheBackoff_KeepsTheBackoff() =>
        Assert.Equal(TimeSpan.FromSeconds(4), Policy.NextDelay(4, Rpc(StatusCode.ResourceExhausted, retryAfterMs: "10"), 1));

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void NextDelay_UnreadableRetryAfter_IsIgnored(string value) =>
        Assert.Equal(TimeSpan.FromMilliseconds(500), Policy.NextDelay(1, Rpc(StatusCode.Unavailable, retryAfterMs: value), 1));

    [Fact]
    public void NextDelay_HugeRetryAfter_IsCapped() =>
        Assert.Equal(WireProtocol.MaxRetryAfter, Policy.NextDelay(1, Rpc(StatusCode.Unavailable, retryAfterMs: "999999999"), 0));

    [Fact]
    public void NextDelay_Refusal_WaitsTheMaximum() =>
        Assert.Equal(TimeSpan.FromSeconds(10), Policy.NextDelay(1, Rpc(StatusCode.Unimplemented), 0));
}
