namespace Ingest.Collector.Storage;

/// <summary>
/// The durable store behind the ingest path. The seam is kept this narrow so that another engine
/// (PostgreSQL for several collectors) can be added without touching the ingest path.
/// </summary>
internal interface IChunkStore : IAsyncDisposable
{
    /// <summary>Opens the store, creating or upgrading its schema, and returns every known sensor.</summary>
    Task<IReadOnlyList<SensorRecord>> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="writeSet"/> in one durable transaction; returns once it is on disk.</summary>
    Task CommitAsync(WriteSet writeSet, CancellationToken cancellationToken);

    /// <summary>Throws unless the store can take a write now.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
