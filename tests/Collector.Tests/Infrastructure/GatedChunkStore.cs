using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>The real store, with a gate that holds every commit until the test opens it: storage slower than any stream.</summary>
internal sealed class GatedChunkStore(IChunkStore inner) : IChunkStore
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Location => inner.Location;

    public int SchemaVersion => inner.SchemaVersion;

    /// <summary>Lets every commit through, those waiting and those to come.</summary>
    public void Open() => _open.TrySetResult();

    public Task<IReadOnlyList<SensorRecord>> OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, SensorCursor>> CommitAsync(WriteSet writeSet, CancellationToken cancellationToken)
    {
        await _open.Task.WaitAsync(cancellationToken);
        return await inner.CommitAsync(writeSet, cancellationToken);
    }

    public Task<SensorTotals> ReadTotalsAsync(CancellationToken cancellationToken) => inner.ReadTotalsAsync(cancellationToken);

    public Task<IReadOnlyDictionary<string, SensorCursor>> ReadCursorsAsync(IReadOnlyCollection<string> sensorIds, CancellationToken cancellationToken) =>
        inner.ReadCursorsAsync(sensorIds, cancellationToken);

    public Task<long?> ReadChecksumAsync(string sensorId, long sequence, CancellationToken cancellationToken) =>
        inner.ReadChecksumAsync(sensorId, sequence, cancellationToken);

    public Task<IReadOnlyDictionary<long, long>> ReadChecksumsAsync(string sensorId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken) =>
        inner.ReadChecksumsAsync(sensorId, sequences, cancellationToken);

    public Task<StoredSettlements> ReadSettlementsAsync(string sensorId, long fromSequence, long toSequence, int limit, CancellationToken cancellationToken) =>
        inner.ReadSettlementsAsync(sensorId, fromSequence, toSequence, limit, cancellationToken);

    public bool IsDamage(Exception failure) => inner.IsDamage(failure);

    public Task ProbeAsync(CancellationToken cancellationToken) => inner.ProbeAsync(cancellationToken);

    public Task<bool> CheckpointAsync(CancellationToken cancellationToken) => inner.CheckpointAsync(cancellationToken);

    public Task<bool> CheckpointIfShortOfSpaceAsync(CancellationToken cancellationToken) => inner.CheckpointIfShortOfSpaceAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ForgetUnusedSensorsAsync(DateTimeOffset seenBefore, int limit, CancellationToken cancellationToken) =>
        inner.ForgetUnusedSensorsAsync(seenBefore, limit, cancellationToken);

    public IAsyncEnumerable<StoredChunk> ReadChunksAsync(string sensorId, long fromMicros, long toMicros, int maxPageReadings, CancellationToken cancellationToken) =>
        inner.ReadChunksAsync(sensorId, fromMicros, toMicros, maxPageReadings, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Open();
        return inner.DisposeAsync();
    }
}
