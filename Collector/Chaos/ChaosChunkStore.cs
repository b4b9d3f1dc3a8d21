using Ingest.Collector.Sequencing;
using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;

namespace Ingest.Collector.Chaos;

/// <summary>
/// The store behind Collector:Chaos:Commit: a commit (and the recovery's write probe) is slowed or fails with an
/// <see cref="IOException"/> as a broken disk would, so the commit pipeline treats it exactly as a real
/// storage failure. Reads pass through untouched. Used only when Collector:Chaos is enabled at start; its rates
/// change live (see <see cref="UploadChaos"/>).
/// </summary>
internal sealed class ChaosChunkStore : IChunkStore
{
    public const string FaultMessage = "storage fault injected by Collector:Chaos";

    private readonly IChunkStore _inner;
    private readonly ResiliencePipeline _pipeline;

    public ChaosChunkStore(IChunkStore inner, LastGoodOptions<ChaosOptions> options, ChaosMetrics metrics, TimeProvider time, ILogger<ChaosChunkStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddChaosLatency(new ChaosLatencyStrategyOptions
            {
                InjectionRateGenerator = _ => ValueTask.FromResult(options.Current.Commit.LatencyRate),
                LatencyGenerator = _ => ValueTask.FromResult(options.Current.Commit.Latency),
                OnLatencyInjected = _ =>
                {
                    metrics.Injected(ChaosKind.CommitLatency);
                    ChaosLog.Injected(logger, ChaosKind.CommitLatency, "a storage write is delayed as slow storage would be");
                    return default;
                },
            })
            .AddChaosFault(new ChaosFaultStrategyOptions
            {
                InjectionRateGenerator = _ => ValueTask.FromResult(options.Current.Commit.FaultRate),
                FaultGenerator = _ => ValueTask.FromResult<Exception?>(new IOException(FaultMessage)),
                OnFaultInjected = _ =>
                {
                    metrics.Injected(ChaosKind.CommitFault);
                    ChaosLog.Injected(logger, ChaosKind.CommitFault, "a storage write fails as a broken disk would; its streams end with Unavailable and are not acknowledged");
                    return default;
                },
            })
            .Build();
    }

    public string Location => _inner.Location;

    public Task<IReadOnlyList<SensorRecord>> OpenAsync(CancellationToken cancellationToken) => _inner.OpenAsync(cancellationToken);

    public int SchemaVersion => _inner.SchemaVersion;

    public Task<IReadOnlyDictionary<string, SensorCursor>> CommitAsync(WriteSet writeSet, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static async (state, token) => await state.inner.CommitAsync(state.writeSet, token), (inner: _inner, writeSet), cancellationToken).AsTask();

    public Task<SensorTotals> ReadTotalsAsync(CancellationToken cancellationToken) => _inner.ReadTotalsAsync(cancellationToken);

    public Task<IReadOnlyDictionary<string, SensorCursor>> ReadCursorsAsync(IReadOnlyCollection<string> sensorIds, CancellationToken cancellationToken) =>
        _inner.ReadCursorsAsync(sensorIds, cancellationToken);

    public Task<long?> ReadChecksumAsync(string sensorId, long sequence, CancellationToken cancellationToken) =>
        _inner.ReadChecksumAsync(sensorId, sequence, cancellationToken);

    public Task<IReadOnlyDictionary<long, long>> ReadChecksumsAsync(string sensorId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken) =>
        _inner.ReadChecksumsAsync(sensorId, sequences, cancellationToken);

    public Task<StoredSettlements> ReadSettlementsAsync(string sensorId, long fromSequence, long toSequence, int limit, CancellationToken cancellationToken) =>
        _inner.ReadSettlementsAsync(sensorId, fromSequence, toSequence, limit, cancellationToken);

    public bool IsDamage(Exception failure) => _inner.IsDamage(failure);

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static async (inner, token) => await inner.ProbeAsync(token), _inner, cancellationToken).AsTask();

    public Task<bool> CheckpointAsync(CancellationToken cancellationToken) => _inner.CheckpointAsync(cancellationToken);

    public Task<bool> CheckpointIfShortOfSpaceAsync(CancellationToken cancellationToken) => _inner.CheckpointIfShortOfSpaceAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ForgetUnusedSensorsAsync(DateTimeOffset seenBefore, int limit, CancellationToken cancellationToken) =>
        _inner.ForgetUnusedSensorsAsync(seenBefore, limit, cancellationToken);

    public IAsyncEnumerable<StoredChunk> ReadChunksAsync(string sensorId, long fromMicros, long toMicros, int maxPageReadings, CancellationToken cancellationToken) =>
        _inner.ReadChunksAsync(sensorId, fromMicros, toMicros, maxPageReadings, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
