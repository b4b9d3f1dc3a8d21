using Grpc.Core;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Grpc;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Tests.Grpc;

/// <summary>The dashboard lists a fleet larger than one ListSensors page by following the page tokens.</summary>
public sealed class GrpcAdminClientPagingTests
{
    [Fact]
    public async Task ListSensors_FleetLargerThanAPage_FollowsTheTokensAndListsEverySensor()
    {
        var invoker = new PagingInvoker(Enumerable.Range(0, 12_345).Select(i => $"sim-{i:D5}").ToList(), pageSize: 1_000);
        var admin = new GrpcAdminClient(invoker, TimeProvider.System);

        var sensors = await admin.ListSensorsAsync(new SensorFilter([], []), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(12_345, sensors.Count);
        Assert.Equal(sensors.Select(s => s.SensorId).Distinct().Count(), sensors.Count);
        Assert.Equal(13, invoker.Calls);
    }

    /// <summary>A collector that answers ListSensors a page (at most its own size) at a time, as the collector does.</summary>
    private sealed class PagingInvoker(List<string> sensors, int pageSize) : CallInvoker
    {
        public int Calls { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            Calls++;
            var list = (Wire.ListSensorsRequest)(object)request;
            var size = list.PageSize == 0 ? pageSize : Math.Min(pageSize, (int)list.PageSize);
            var page = sensors.Where(s => string.CompareOrdinal(s, list.PageToken) > 0).Take(size).ToList();
            var reply = new Wire.ListSensorsReply { NextPageToken = page.Count == size && page[^1] != sensors[^1] ? page[^1] : "" };
            reply.Sensors.AddRange(page.Select(id => new Wire.SensorConfigState { SensorId = id}));
            return new AsyncUnaryCall<TResponse>(
                Task.FromResult((TResponse)(object)reply), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }
}
