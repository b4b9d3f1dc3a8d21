using Grpc.Core;
using Grpc.Health.V1;
using Ingest.Collector.Health;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Health;

public sealed class StorageFailureTests : IDisposable
{
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;
    private SwitchableChunkStore? _store;

    public StorageFailureTests()
    {
        _collector = new CollectorFactory().WithLogs(_logs).WithServices(services =>
        {
            services.AddSingleton<SqliteChunkStore>();
            services.AddSingleton<IChunkStore>(provider => _store = new SwitchableChunkStore(provider.GetRequiredService<SqliteChunkStore>()));
        });
    }

    public void Dispose() => _collector.Dispose();

    private StorageHealth Health => _collector.Services.GetRequiredService<StorageHealth>();

    [Fact]
    public async Task Health_StorageOpen_IsServing() => Assert.Equal(ServingStatus.Serving, await StatusAsync());

    [Fact]
    public async Task Upload_StorageFailing_IsUnavailableWithNoAck_HealthNotServing_ThenRecoversByItselfWithNothingLost()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("storage-fail", 1, 2));
        _store!.Failing = true;

        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("storage-fail", 3, 6)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("storage failed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ServingStatus.NotServing, await StatusAsync());
        var greeting = await Assert.ThrowsAsync<RpcException>(async () => await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("storage-fail")));
        Assert.Equal(StatusCode.Unavailable, greeting.StatusCode);

        _store.Failing = false;

        await Eventually.UntilAsync(async () => await StatusAsync() == ServingStatus.Serving, "health serves again, with no upload to show it");
        Assert.Equal(2UL, (await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("storage-fail"))).CommittedSequence);
        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("storage-fail", 3, 6));
        Assert.Equal(4UL, ack.BatchesCommitted);
        Assert.Equal(6, _collector.Stored.Chunks("storage-fail"));
        Assert.Equal(0, _collector.Stored.Gaps("storage-fail"));
    }

    [Fact]
    public async Task Upload_DiskFull_IsUnavailableAndNotServingThoughProbed_ThenRecoversByItselfOnceSpaceReturns_NothingLost()
    {
        const string Sensor = "disk-full";
        await _collector.Ingestion.UploadAsync(Noisy(Sensor, 1, 2));
        var sqlite = _collector.Services.GetRequiredService<SqliteChunkStore>();
        var usual = await sqlite.SetMaxPageCountAsync(0, CancellationToken.None);

        // SQLite caps the file at the pages it uses now: a write that needs one more fails with SQLITE_FULL, as on a full disk.
        await sqlite.SetMaxPageCountAsync(1, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(Noisy(Sensor, 3, 6)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("database or disk is full", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ServingStatus.NotServing, await StatusAsync());
        await Eventually.UntilAsync(() => Health.FailedProbes >= 2, "two write probes have failed");
        Assert.Equal(ServingStatus.NotServing, await StatusAsync());
        Assert.Equal(2UL, (await _collector.Greeter.GreetAsync(IngestionCalls.Greeting(Sensor))).CommittedSequence);

        await sqlite.SetMaxPageCountAsync(usual, CancellationToken.None);

        await Eventually.UntilAsync(async () => await StatusAsync() == ServingStatus.Serving, "health serves again, with no upload to show it");
        var ack = await _collector.Ingestion.UploadAsync(Noisy(Sensor, 3, 6));
        Assert.Equal(4UL, ack.BatchesCommitted);
        Assert.Equal(6, _collector.Stored.Chunks(Sensor));
        Assert.Equal(0, _collector.Stored.Gaps(Sensor));
    }

    [Fact]
    public async Task Logs_FailedCommitsOfOneOutage_AreOneErrorWithoutStackTraceAndOneRecoveryLineWithTheirCount()
    {
        const int FailedUploads = 5;
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("log-outage", 1, 1));
        _store!.Failing = true;
        for (var i = 0; i < FailedUploads; i++)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("log-outage", 2, 2)));
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        }

        var failedCommits = Health.FailedCommits;
        _store.Failing = false;
        await Eventually.UntilAsync(() => _logs.Contains(LogLevel.Information, "Storage recovered"), "storage recovers");

        var errors = _logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        var error1 = Assert.Single(errors);
        Assert.StartsWith("Storage writes fail: a transaction of 1 batches failed: disk I/O error (injected).", error1.Message, StringComparison.Ordinal);
        Assert.Null(error1.Exception);
        Assert.Equal(FailedUploads, failedCommits);
        var recovered = Assert.Single(_logs.Entries, e => e.Message.StartsWith("Storage recovered", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, recovered.Level);
        Assert.StartsWith($"Storage recovered after {FailedUploads} failed commits over ", recovered.Message, StringComparison.Ordinal);
    }

    private async Task<ServingStatus> StatusAsync() =>
        (await new Grpc.Health.V1.Health.HealthClient(_collector.Channel).CheckAsync(new HealthCheckRequest())).Status;

    /// <summary>Batches of 10,000 random readings, which do not compress: 80 KB each, so each needs pages of its own.</summary>
    private static IEnumerable<Wire.ReadingBatch> Noisy(string sensorId, ulong first, ulong last)
    {
        var random = new Random((int)first);
        for (var sequence = first; sequence <= last; sequence++)
        {
            var batch = ReadingBatches.Regular(sensorId, sequence, count: 10_000);
            for (var i = 0; i < batch.Readings.Values.Count; i++)
            {
                batch.Readings.Values[i] = random.NextDouble();
                batch.Readings.TimeDeltasMicros[i] = i == 0 ? 0 : 1_000;
            }

            yield return batch;
        }
    }
}
