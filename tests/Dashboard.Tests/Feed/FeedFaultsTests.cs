using Grpc.Core;
using Ingest.Dashboard.Feed;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Feed;

public sealed class FeedFaultsTests
{
    [Theory]
    [InlineData(StatusCode.Unavailable, false, true)]
    [InlineData(StatusCode.ResourceExhausted, false, true)]
    [InlineData(StatusCode.DeadlineExceeded, false, true)]
    [InlineData(StatusCode.Internal, false, true)]
    [InlineData(StatusCode.InvalidArgument, false, false)]
    [InlineData(StatusCode.Unimplemented, false, false)]
    [InlineData(StatusCode.PermissionDenied, true, true)]
    public void ShouldRetry_RpcStatus(StatusCode status, bool retryRefusals, bool expected) =>
        Assert.Equal(expected, FeedFaults.ShouldRetry(Rpc(status), retryRefusals, CancellationToken.None));

    [Fact]
    public void ShouldRetry_OurOwnCancellation_IsNeverRetried()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(FeedFaults.ShouldRetry(new OperationCanceledException(), true, cancelled.Token));
        Assert.False(FeedFaults.ShouldRetry(Rpc(StatusCode.Cancelled), true, cancelled.Token));
    }

    [Fact]
    public void ShouldRetry_UnexpectedException_IsNotRetried() =>
        Assert.False(FeedFaults.ShouldRetry(new InvalidOperationException(), true, CancellationToken.None));

    [Fact]
    public void Describe_RpcException_GivesStatusAndDetailOnOneLine() =>
        Assert.Equal("Unavailable: connection refused (127.0.0.1:5999)", FeedFaults.Describe(Rpc(StatusCode.Unavailable, "connection refused\n(127.0.0.1:5999)")));
}
