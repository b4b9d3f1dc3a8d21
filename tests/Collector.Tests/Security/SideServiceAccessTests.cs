using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Security;

/// <summary>Health and reflection, open or behind a key by setting.</summary>
public sealed class SideServiceAccessTests
{
    [Fact]
    public async Task Health_WhenOpen_AnswersWithoutKey()
    {
        using var collector = new CollectorFactory().With("Collector:Security:Health", "Open");
        using var channel = collector.ChannelWithKey(null);

        var reply = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Health_WhenKey_IsUnauthenticatedWithoutKeyAndAnswersAnyKey()
    {
        using var collector = new CollectorFactory().With("Collector:Security:Health", "Key");
        using var anonymous = collector.ChannelWithKey(null);
        using var viewer = collector.ChannelWithKey(TestKeys.Viewer);

        var error = await Assert.ThrowsAsync<RpcException>(() => new Grpc.Health.V1.Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest()).ResponseAsync);
        var reply = await new Grpc.Health.V1.Health.HealthClient(viewer).CheckAsync(new HealthCheckRequest());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_WhenOpen_AnswersWithoutKey()
    {
        using var collector = new CollectorFactory().With("Collector:Security:Reflection", "Open");
        using var channel = collector.ChannelWithKey(null);

        Assert.Contains("ingest.v1.Ingestion", await ListServicesAsync(channel));
    }

    [Fact]
    public async Task Reflection_WhenKey_IsUnauthenticatedWithoutKeyAndAnswersAnyKey()
    {
        using var collector = new CollectorFactory().With("Collector:Security:Reflection", "Key");
        using var anonymous = collector.ChannelWithKey(null);
        using var sensor = collector.ChannelWithKey(TestKeys.Sensor);

        var error = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(anonymous));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("ingest.v1.Ingestion", await ListServicesAsync(sensor));
    }

    private static async Task<List<string>> ListServicesAsync(GrpcChannel channel)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(deadline: DateTime.UtcNow.Add(Eventually.DefaultTimeout));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
    }
}
