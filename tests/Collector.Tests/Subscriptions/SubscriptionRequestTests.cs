using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Subscriptions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Subscriptions;

public sealed class SubscriptionRequestTests
{
    private static readonly TimeSpan[] Windows = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)];

    [Fact]
    public void Read_Unset_IsTheDefaultWindowAndHalfASecond()
    {
        var request = SubscriptionRequest.Read(new Wire.SubscribeRequest(), Windows, TimeSpan.FromSeconds(10));

        Assert.Equal((1, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)), (request.WindowIndex, request.Window, request.MinUpdateInterval));
    }

    [Fact]
    public void Read_IntervalBelowTheFloor_IsRaisedTo100Milliseconds()
    {
        var request = SubscriptionRequest.Read(
            new Wire.SubscribeRequest { Window = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)), MinUpdateInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(5)) },
            Windows, TimeSpan.FromSeconds(1));

        Assert.Equal((2, TimeSpan.FromMilliseconds(100)), (request.WindowIndex, request.MinUpdateInterval));
    }

    [Fact]
    public void Read_WindowNotKept_IsInvalidArgumentListingTheWindowsKept()
    {
        var error = Assert.Throws<RpcException>(() =>
            SubscriptionRequest.Read(new Wire.SubscribeRequest { Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) }, Windows, TimeSpan.FromSeconds(1)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("window 2 s is not kept by this collector; ask for one of 1 s, 10 s, 60 s, or leave it unset for 1 s", error.Status.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sim 1")]
    [InlineData("sim/*")]
    public void Read_BadSensorPattern_IsInvalidArgument(string pattern)
    {
        var request = new Wire.SubscribeRequest { SensorIds = { "ok-*", pattern } };

        var error = Assert.Throws<RpcException>(() => SubscriptionRequest.Read(request, Windows, TimeSpan.FromSeconds(1)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("sensor_ids[1] must be", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadKind_IsInvalidArgument()
    {
        var error = Assert.Throws<RpcException>(() =>
            SubscriptionRequest.Read(new Wire.SubscribeRequest { Kinds = { "temp erature" } }, Windows, TimeSpan.FromSeconds(1)));

        Assert.StartsWith("kinds[0]: kind", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DenormalizedDuration_IsInvalidArgument()
    {
        var error = Assert.Throws<RpcException>(() =>
            SubscriptionRequest.Read(new Wire.SubscribeRequest { MinUpdateInterval = new Duration { Seconds = 1, Nanos = -5 } }, Windows, TimeSpan.FromSeconds(1)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("min_update_interval", error.Status.Detail, StringComparison.Ordinal);
    }
}
