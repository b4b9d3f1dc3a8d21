using Ingest.Collector.Sequencing;
using Ingest.Protocol;

namespace Ingest.Collector.Storage;

/// <summary>
/// The durable store behind the ingest path: SQLite for one collector, PostgreSQL for several sharing one database.
/// The truth about a sensor — its settled sequence and session — is its row, and every commit compare-and-sets that
/// row in the transaction that stores the sensor's chunks, so that a collector's in-memory
/// <see cref="SequenceLedger"/> is only a cache: another collector may have moved the sensor on since.
/// </summary>
internal interface IChunkStore : IAsyncDisposable
{
    /// <summary>Where the chunks are kept, for the log: the database file's full path, or the database server and name.</summary>
    string Location { get; }

    /// <summary>The schema version the store writes, for the log.</summary>
    int SchemaVersion { get; }

    /// <summary>Opens the store, creating or upgrading its schema, and returns every known sensor.</summary>
    Task<IReadOnlyList<SensorRecord>> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="writeSet"/> in one durable transaction; returns once it is on disk. Each sensor's row is
    /// compare-and-set: a sensor whose stored cursor is not its <see cref="SensorWrite.Expected"/> one (another
    /// collector moved it on) is left as it is, with none of its chunks, gaps or rejections written, while the rest of
    /// the transaction commits. Returns those sensors with the cursor storage holds for them; empty when every sensor
    /// was written.
    /// </summary>
    Task<IReadOnlyDictionary<string, SensorCursor>> CommitAsync(WriteSet writeSet, CancellationToken cancellationToken);

    /// <summary>The totals of every sensor as stored: what every collector writing to this store has settled.</summary>
    Task<SensorTotals> ReadTotalsAsync(CancellationToken cancellationToken);

    /// <summary>Where each of <paramref name="sensorIds"/> stands in storage now; a sensor never stored is left out.</summary>
    Task<IReadOnlyDictionary<string, SensorCursor>> ReadCursorsAsync(IReadOnlyCollection<string> sensorIds, CancellationToken cancellationToken);

    /// <summary>
    /// The <see cref="ReadingsChecksum"/> of the chunk stored under (<paramref name="sensorId"/>, <paramref name="sequence"/>);
    /// null when none is stored. Sees every committed transaction.
    /// </summary>
    Task<long?> ReadChecksumAsync(string sensorId, long sequence, CancellationToken cancellationToken);

    /// <summary>
    /// The rejections and gaps recorded for <paramref name="sensorId"/>'s sequences
    /// <paramref name="fromSequence"/>..<paramref name="toSequence"/>, in sequence order, at most <paramref name="limit"/> of each.
    /// </summary>
    Task<StoredSettlements> ReadSettlementsAsync(string sensorId, long fromSequence, long toSequence, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The <see cref="ReadingsChecksum"/> of each chunk of <paramref name="sensorId"/> stored under one of
    /// <paramref name="sequences"/>, by sequence; a sequence with no chunk is left out. Reads beside the writer.
    /// </summary>
    Task<IReadOnlyDictionary<long, long>> ReadChecksumsAsync(string sensorId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);

    /// <summary>
    /// Throws unless the store can take a write now: makes a real, durable write about the size of a commit, which
    /// leaves nothing behind.
    /// </summary>
    Task ProbeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves what the store has logged ahead into its main file and frees the log's disk space; false when it could
    /// not finish (readers held on to the log).
    /// </summary>
    Task<bool> CheckpointAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Checkpoints, as <see cref="CheckpointAsync"/>, when the log has grown large beside the disk space still free, so
    /// that a checkpoint always has room to run; true when it did.
    /// </summary>
    Task<bool> CheckpointIfShortOfSpaceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Streams the stored chunks of <paramref name="sensorId"/> whose time span overlaps
    /// [<paramref name="fromMicros"/>, <paramref name="toMicros"/>), ordered by their earliest timestamp and
    /// then sequence, decoding one at a time. Works beside commits, without waiting for them, and holds nothing of storage
    /// (no transaction, connection or lock) while its caller is slow to take the next chunk; reads ahead at most a page of
    /// 64 chunks and <paramref name="maxPageReadings"/> readings (at least one chunk).
    /// </summary>
    IAsyncEnumerable<StoredChunk> ReadChunksAsync(string sensorId, long fromMicros, long toMicros, int maxPageReadings, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets at most <paramref name="limit"/> sensors that never stored anything (settled sequence 0: no chunk,
    /// rejection or gap) and that nobody has seen since <paramref name="seenBefore"/> — no write to the sensor's row (a
    /// session opened, a batch settled) and no registration of its configuration since. Deletes their sensor and
    /// configuration rows, each on a condition of the row itself, re-checked as it is deleted, so that a collector
    /// sharing the database that just used the sensor keeps it. A configuration row with no sensor row (a sensor that
    /// only opened a control stream) goes by its own registration time. Returns the ids forgotten.
    /// </summary>
    Task<IReadOnlyList<string>> ForgetUnusedSensorsAsync(DateTimeOffset seenBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// True when <paramref name="failure"/>, thrown by this store, says the stored data is damaged (a corrupt or
    /// foreign file) rather than that storage is unavailable for now: only the engine can tell its errors apart.
    /// </summary>
    bool IsDamage(Exception failure);
}
