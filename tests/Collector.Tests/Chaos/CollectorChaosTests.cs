using Grpc.Core;
using Grpc.Health.V1;
using Ingest.Collector.Chaos;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Chaos;

public sealed class CollectorChaosTests : IDisposable
{
    private readonly OptionsStub<ChaosOptions> _chaos = new(new ChaosOptions { Enabled = true });
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public CollectorChaosTests()
    {
        _collector = new CollectorFactory()
            .With("Collector:Chaos:Enabled", "true")
            .WithServices(services =>
            {
                services.AddSingleton<IOptions<ChaosOptions>>(_chaos);
                services.RemoveAll<ILoggerFactory>();
                services.AddSingleton<ILoggerFactory>(new LoggerFactory([_logs]));
            });
    }

    public void Dispose() => _collector.Dispose();

    private Grpc.Health.V1.Health.HealthClient HealthClient => new(_collector.Channel);

    private long Injections => _collector.Services.GetRequiredService<ChaosMetrics>().Total;

    [Fact]
    public async Task Start_ChaosEnabled_LogsAWarning()
    {
        await _collector.Greeter.GreetAsync(Batches.Greeting("chaos-start"));

        Assert.True(_logs.Contains(LogLevel.Warning, "Collector:Chaos is ON"));
    }

    [Fact]
    public async Task Start_ChaosEnabled_LogsTheDatabasePathNotTheChaosWrapper()
    {
        await _collector.Greeter.GreetAsync(Batches.Greeting("chaos-path"));

        Assert.True(_logs.Contains(LogLevel.Information, $"Storage open at {Path.GetFullPath(_collector.DatabasePath)}:"));
    }

    [Fact]
    public async Task Upload_CommitFault_IsUnavailableWithNoAck_NothingAckedIsMissing_HealthNotServing_ThenRecovers()
    {
        await _collector.Ingestion.UploadAsync(Batches.Sequences("chaos-fault", 1, 2));
        _chaos.Value = new ChaosOptions { Enabled = true, Commit = { FaultRate = 1 } };

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(Batches.Sequences("chaos-fault", 3, 6)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains(ChaosChunkStore.FaultMessage, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, _collector.Stored.Chunks("chaos-fault"));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await HealthClient.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(2UL, (await _collector.Greeter.GreetAsync(Batches.Greeting("chaos-fault"))).CommittedSequence);
        Assert.True(Injections > 0);
        Assert.True(_logs.Contains(LogLevel.Warning, ChaosKind.CommitFault));

        _chaos.Value = new ChaosOptions { Enabled = true };
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await HealthClient.CheckAsync(new HealthCheckRequest())).Status);
        var ack = await _collector.Ingestion.UploadAsync(Batches.Sequences("chaos-fault", 3, 6));

        Assert.Equal(4UL, ack.BatchesCommitted);
        Assert.Equal(6, _collector.Stored.Chunks("chaos-fault"));
        Assert.Equal(0, _collector.Stored.Gaps("chaos-fault"));
    }

    [Fact]
    public async Task Upload_AckDroppedAfterCommit_IsUnavailable_RowsAreStored_AndTheRetryIsADuplicateStoredOnce()
    {
        _chaos.Value = new ChaosOptions { Enabled = true, DropAckAfterCommitRate = 1 };

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(Batches.Sequences("chaos-ack", 1, 3)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("ack dropped by Collector:Chaos", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, _collector.Stored.Chunks("chaos-ack"));
        Assert.Equal(3UL, (await _collector.Greeter.GreetAsync(Batches.Greeting("chaos-ack"))).CommittedSequence);
        Assert.Equal(1, Injections);

        _chaos.Value = new ChaosOptions { Enabled = true };
        var ack = await _collector.Ingestion.UploadAsync(Batches.Sequences("chaos-ack", 1, 3));

        Assert.Equal(0UL, ack.BatchesCommitted);
        Assert.Equal(3UL, ack.DuplicateBatches);
        Assert.Equal(3UL, ack.CommittedSequence);
        Assert.Equal(3, _collector.Stored.Chunks("chaos-ack"));
    }

    [Fact]
    public async Task Upload_AbortAfterBatches_CommitsTheFirstBatches_AndTheStreamIsUnavailable()
    {
        const int abortAfter = 3;
        _chaos.Value = new ChaosOptions { Enabled = true, AbortStreamAfterBatches = abortAfter };

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(Batches.Sequences("chaos-abort", 1, abortAfter + 2)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("aborted by Collector:Chaos", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(abortAfter, _collector.Stored.Chunks("chaos-abort"));
        Assert.Equal((ulong)abortAfter, (await _collector.Greeter.GreetAsync(Batches.Greeting("chaos-abort"))).CommittedSequence);
        Assert.True(_logs.Contains(LogLevel.Warning, ChaosKind.StreamAborted));
    }

    [Fact]
    public async Task Upload_ChaosDisabled_InjectsNothing()
    {
        _chaos.Value = new ChaosOptions { Enabled = false, DropAckAfterCommitRate = 1, AbortStreamAfterBatches = 1, Commit = { FaultRate = 1 } };

        var ack = await _collector.Ingestion.UploadAsync(Batches.Sequences("chaos-off", 1, 3));

        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.Equal(0, Injections);
    }
}
