using Grpc.Core;
using Grpc.Health.V1;
using Ingest.Collector.Storage;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Health;

public sealed class StorageFailureTests : IDisposable
{
    private readonly CollectorFactory _collector;
    private SwitchableChunkStore? _store;

    public StorageFailureTests()
    {
        _collector = new CollectorFactory().WithServices(services =>
        {
            services.AddSingleton<SqliteChunkStore>();
            services.AddSingleton<IChunkStore>(provider => _store = new SwitchableChunkStore(provider.GetRequiredService<SqliteChunkStore>()));
        });
    }

    public void Dispose() => _collector.Dispose();

    private Grpc.Health.V1.Health.HealthClient HealthClient => new(_collector.Channel);

    [Fact]
    public async Task Health_StorageOpen_IsServing()
    {
        var reply = await HealthClient.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Upload_StorageFailing_IsUnavailableWithNoAck_HealthNotServing_ThenRecoversWithNothingLost()
    {
        await _collector.Ingestion.UploadAsync(Batches.Sequences("storage-fail", 1, 2));
        _store!.Failing = true;

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(Batches.Sequences("storage-fail", 3, 6)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("storage failed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await HealthClient.CheckAsync(new HealthCheckRequest())).Status);
        var greeting = await Assert.ThrowsAsync<RpcException>(async () => await _collector.Greeter.GreetAsync(Batches.Greeting("storage-fail")));
        Assert.Equal(StatusCode.Unavailable, greeting.StatusCode);

        _store.Failing = false;
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await HealthClient.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(2UL, (await _collector.Greeter.GreetAsync(Batches.Greeting("storage-fail"))).CommittedSequence);
        var ack = await _collector.Ingestion.UploadAsync(Batches.Sequences("storage-fail", 3, 6));

        Assert.Equal(4UL, ack.BatchesCommitted);
        Assert.Equal(6, _collector.Stored.Chunks("storage-fail"));
        Assert.Equal(0, _collector.Stored.Gaps("storage-fail"));
    }
}
