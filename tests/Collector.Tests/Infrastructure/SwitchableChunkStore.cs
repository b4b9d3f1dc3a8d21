using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>The real store, with a switch that makes every write, probe and checkpoint fail as a broken disk would.</summary>
internal sealed class SwitchableChunkStore(IChunkStore inner) : IChunkStore
{
    public string Location => inner.Location;

    public volatile bool Failing;

    public Task<IReadOnlyList<SensorRecord>> OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    public int SchemaVersion => inner.SchemaVersion;

    public Task<IReadOnlyDictionary<string, SensorCursor>> CommitAsync(WriteSet writeSet, CancellationToken cancellationToken) =>
        Failing ? Task.FromException<IReadOnlyDictionary<string, SensorCursor>>(new IOException("disk I/O error (injected)")) : inner.CommitAsync(writeSet, cancellationToken);

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

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        Failing ? Task.FromException(new IOException("disk I/O error (injected)")) : inner.ProbeAsync(cancellationToken);

    public Task<bool> CheckpointAsync(CancellationToken cancellationToken) =>
        Failing ? Task.FromException<bool>(new IOException("disk I/O error (injected)")) : inner.CheckpointAsync(cancellationToken);

    public Task<bool> CheckpointIfShortOfSpaceAsync(CancellationToken cancellationToken) =>
        Failing ? Task.FromException<bool>(new IOException("disk I/O error (injected)")) : inner.CheckpointIfShortOfSpaceAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ForgetUnusedSensorsAsync(DateTimeOffset seenBefore, int limit, CancellationToken cancellationToken) =>
        Failing ? Task.FromException<IReadOnlyList<string>>(new IOException("disk I/O error (injected)")) : inner.ForgetUnusedSensorsAsync(seenBefore, limit, cancellationToken);

    public IAsyncEnumerable<StoredChunk> ReadChunksAsync(string sensorId, long fromMicros, long toMicros, int maxPageReadings, CancellationToken cancellationToken) =>
        inner.ReadChunksAsync(sensorId, fromMicros, toMicros, maxPageReadings, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
