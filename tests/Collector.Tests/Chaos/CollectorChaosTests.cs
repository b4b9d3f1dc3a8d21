using Grpc.Core;
using Grpc.Health.V1;
using Ingest.Collector.Chaos;
using Ingest.Collector.Settings;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Collector.Tests.Chaos;

public sealed class CollectorChaosTests : IDisposable
{
    private readonly SettingsFile _settings = new("chaos", Settings(0, 0, 0));
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    /// <summary>Chaos is enabled at start with every rate 0; the tests set the rates live through the settings file.</summary>
    public CollectorChaosTests()
    {
        _collector = new CollectorFactory().WithSettingsFile(_settings.Path).WithLogs(_logs);
    }

    public void Dispose()
    {
        _collector.Dispose();
        _settings.Dispose();
    }

    private static string Settings(double commitFaultRate, double dropAckRate, int abortAfter, bool enabled = true) =>
        $$$"""{ "Collector": { "Chaos": { "Enabled": {{{(enabled ? "true" : "false")}}}, "DropAckAfterCommitRate": {{{dropAckRate}}}, "AbortStreamAfterBatches": {{{abortAfter}}}, "Commit": { "FaultRate": {{{commitFaultRate}}} } } } }""";

    /// <summary>Writes the rates to the settings file and waits until the collector runs on them.</summary>
    private async Task SetRatesAsync(double commitFaultRate = 0, double dropAckRate = 0, int abortAfter = 0)
    {
        _settings.Write(Settings(commitFaultRate, dropAckRate, abortAfter));
        var live = _collector.Services.GetRequiredService<LastGoodOptions<ChaosOptions>>();
        await Eventually.UntilAsync(
            () => live.Current.Commit.FaultRate == commitFaultRate && live.Current.DropAckAfterCommitRate == dropAckRate && live.Current.AbortStreamAfterBatches == abortAfter,
            "the collector runs on the new chaos rates");
    }

    private Grpc.Health.V1.Health.HealthClient HealthClient => new(_collector.Channel);

    private long Injections => _collector.Services.GetRequiredService<ChaosMetrics>().Total;

    [Fact]
    public async Task Start_ChaosEnabled_LogsAWarning()
    {
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("chaos-start"));

        Assert.True(_logs.Contains(LogLevel.Warning, "Collector:Chaos is ON"));
    }

    [Fact]
    public async Task Start_ChaosEnabled_LogsTheDatabasePathNotTheChaosWrapper()
    {
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("chaos-path"));

        Assert.True(_logs.Contains(LogLevel.Information, $"Storage open at {Path.GetFullPath(_collector.DatabasePath)}:"));
    }

    [Fact]
    public async Task Upload_CommitFault_IsUnavailableWithNoAck_NothingAckedIsMissing_HealthNotServing_ThenRecovers()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-fault", 1, 2));
        await SetRatesAsync(commitFaultRate: 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-fault", 3, 6)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains(ChaosChunkStore.FaultMessage, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, _collector.Stored.Chunks("chaos-fault"));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await HealthClient.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(StatusCode.Unavailable, (await Assert.ThrowsAsync<RpcException>(async () => await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("chaos-fault")))).StatusCode);
        Assert.True(Injections > 0);
        Assert.True(_logs.Contains(LogLevel.Warning, ChaosKind.CommitFault));

        await SetRatesAsync();
        await Eventually.UntilAsync(
            async () => (await HealthClient.CheckAsync(new HealthCheckRequest())).Status == HealthCheckResponse.Types.ServingStatus.Serving,
            "the recovery's write probe succeeds and health serves again");
        Assert.Equal(2UL, (await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("chaos-fault"))).CommittedSequence);
        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-fault", 3, 6));

        Assert.Equal(4UL, ack.BatchesCommitted);
        Assert.Equal(6, _collector.Stored.Chunks("chaos-fault"));
        Assert.Equal(0, _collector.Stored.Gaps("chaos-fault"));
    }

    [Fact]
    public async Task Upload_AckDroppedAfterCommit_IsUnavailable_RowsAreStored_AndTheRetryIsADuplicateStoredOnce()
    {
        await SetRatesAsync(dropAckRate: 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-ack", 1, 3)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("ack dropped by Collector:Chaos", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, _collector.Stored.Chunks("chaos-ack"));
        Assert.Equal(3UL, (await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("chaos-ack"))).CommittedSequence);
        Assert.Equal(1, Injections);

        await SetRatesAsync();
        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-ack", 1, 3));

        Assert.Equal(0UL, ack.BatchesCommitted);
        Assert.Equal(3UL, ack.DuplicateBatches);
        Assert.Equal(3UL, ack.CommittedSequence);
        Assert.Equal(3, _collector.Stored.Chunks("chaos-ack"));
    }

    [Fact]
    public async Task Upload_AbortAfterBatches_CommitsTheFirstBatches_AndTheStreamIsUnavailable()
    {
        const int abortAfter = 3;
        await SetRatesAsync(abortAfter: abortAfter);

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-abort", 1, abortAfter + 2)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("aborted by Collector:Chaos", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(abortAfter, _collector.Stored.Chunks("chaos-abort"));
        Assert.Equal((ulong)abortAfter, (await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("chaos-abort"))).CommittedSequence);
        Assert.True(_logs.Contains(LogLevel.Warning, ChaosKind.StreamAborted));
    }

    [Fact]
    public async Task Upload_ChaosDisabledAtStart_InjectsNothingWhateverTheRates()
    {
        using var settings = new SettingsFile("chaos-off", Settings(1, 1, 1, enabled: false));
        using var collector = new CollectorFactory().WithSettingsFile(settings.Path);

        var ack = await collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-off", 1, 3));

        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.Equal(0, collector.Services.GetRequiredService<ChaosMetrics>().Total);
    }
}
