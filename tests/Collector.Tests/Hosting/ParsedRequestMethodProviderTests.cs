using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Ingest.Collector.Hosting;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Hosting;

/// <summary>The collector binds every service through its own method provider: the standard services still answer through it.</summary>
public sealed class ParsedRequestMethodProviderTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Reflection_ListsTheIngestServices()
    {
        using var call = new ServerReflection.ServerReflectionClient(_collector.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("ingest.v1.Ingestion", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }

    [Fact]
    public async Task Health_AnswersServing()
    {
        var reply = await new Grpc.Health.V1.Health.HealthClient(_collector.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task MethodNotInTheProtos_IsUnimplemented()
    {
        var marshaller = Marshallers.Create<byte[]>(b => b, b => b);
        var method = new Method<byte[], byte[]>(MethodType.Unary, "ingest.v1.Ingestion", "Erase", marshaller, marshaller);

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, []).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public void ServiceWithoutBindServiceMethod_FailsAtDiscoveryNamingTheService()
    {
        // The provider refuses before it uses the context, so none is needed.
        var error = Assert.Throws<InvalidOperationException>(() => new ParsedRequestMethodProvider<UnboundService>().OnServiceMethodDiscovery(null!));

        Assert.Contains($"{typeof(UnboundService).FullName} has no BindServiceMethodAttribute", error.Message, StringComparison.Ordinal);
    }

    internal sealed class UnboundService;
}
