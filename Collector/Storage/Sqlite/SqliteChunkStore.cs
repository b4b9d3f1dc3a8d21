using System.Data;
using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Sequencing;
using Ingest.Protocol;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with full sync, a row per batch in <c>chunks</c>.
/// A single connection for writes, used by one caller at a time; each read opens its own read-only
/// connection, which WAL lets run beside the writer. A damaged file is refused at open (<see cref="SqliteIntegrityCheck"/>).
/// </summary>
internal sealed class SqliteChunkStore(IOptions<StorageOptions> options, TimeProvider timeProvider, ILogger<SqliteChunkStore>? logger = null) : IChunkStore
{
    /// <summary>
    /// What <see cref="ProbeAsync"/> writes: about what a busy commit writes (a few hundred compressed batches), so that a
    /// disk with room for the probe but not for a commit is rare.
    /// </summary>
    internal const int ProbeBytes = 1024 * 1024;

    private const long Mebibyte = 1024 * 1024;

    private readonly LogThrottle _spaceWarnings = new(timeProvider, TimeSpan.FromMinutes(1));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private FileStream? _lock;
    private RawStatement? _insertChunk, _insertGap, _insertReject, _upsertSensor;
    private SqliteCommand? _readChecksum, _readCursor;

    public string DatabasePath { get; } = Path.GetFullPath(options.Value.Path);

    public string Location => DatabasePath;

    public async Task<IReadOnlyList<SensorRecord>> OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            _lock ??= AcquireLock(DatabasePath + ".lock");
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = DatabasePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            try
            {
                await connection.OpenAsync(cancellationToken);
                await SqliteIntegrityCheck.EnsureIntactAsync(connection, DatabasePath, options.Value.IntegrityCheckTimeout, timeProvider,
                    logger ?? NullLogger<SqliteChunkStore>.Instance, cancellationToken);
                await SqliteSchema.EnsureAsync(connection, timeProvider.GetUtcNow(), cancellationToken);
                await TuneAsync(connection, cancellationToken);
                PrepareCommands(connection);
                var sensors = await ReadSensorsAsync(connection, cancellationToken);
                _connection = connection;
                return sensors;
            }
            catch (SqliteException ex) when (SqliteErrors.IsDamage(ex))
            {
                DisposeStatements();
                await connection.DisposeAsync();
                throw StorageDamagedException.RefusedAtStart(DatabasePath, "reading it fails with " + ex.Message.TrimEnd('.'), ex);
            }
            catch
            {
                DisposeStatements();
                await connection.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public int SchemaVersion => SqliteSchema.CurrentVersion;

    public async Task<IReadOnlyDictionary<string, SensorCursor>> CommitAsync(WriteSet writeSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeSet);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? throw new InvalidOperationException("The store is not open.");
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            using var transaction = connection.BeginTransaction(deferred: false);

            // Each sensor's row first, compare-and-set; a sensor whose row moved on gets nothing written. With one
            // collector per file (the lock), that happens only when a caller's view was stale.
            Dictionary<string, SensorCursor>? conflicts = null;
            foreach (var sensor in writeSet.Sensors)
            {
                var added = sensor.Added;
                var written = _upsertSensor!.Bind(1, sensor.SensorId).Bind(2, sensor.Kind).Bind(3, sensor.Cursor.Settled).Bind(4, now).Bind(5, sensor.Cursor.Session)
                    .Bind(6, added.CommittedBatches).Bind(7, added.CommittedReadings).Bind(8, added.DuplicateBatches).Bind(9, added.RejectedBatches)
                    .Bind(10, added.RejectedReadings).Bind(11, added.LostBatches).Bind(12, sensor.Expected.Settled).Bind(13, sensor.Expected.Session)
                    .Execute();
                if (written == 0)
                {
                    (conflicts ??= new(StringComparer.Ordinal))[sensor.SensorId] = ReadCursor(transaction, sensor.SensorId);
                }
            }

            foreach (var chunk in writeSet.Chunks)
            {
                if (conflicts?.ContainsKey(chunk.SensorId) != true)
                {
                    _insertChunk!.Bind(1, chunk.SensorId).Bind(2, chunk.Sequence).Bind(3, chunk.MinTimestampMicros).Bind(4, chunk.MaxTimestampMicros)
                        .Bind(5, chunk.Count).Bind(6, chunk.Encoding).Bind(7, chunk.EncodedReadings).Bind(8, now).Bind(9, chunk.Checksum)
                        .Execute();
                }
            }

            foreach (var gap in writeSet.Gaps)
            {
                if (conflicts?.ContainsKey(gap.SensorId) != true)
                {
                    _insertGap!.Bind(1, gap.SensorId).Bind(2, gap.FirstSequence).Bind(3, gap.LastSequence).Bind(4, now).Bind(5, gap.Reason).Execute();
                }
            }

            foreach (var reject in writeSet.Rejections)
            {
                if (conflicts?.ContainsKey(reject.SensorId) != true)
                {
                    _insertReject!.Bind(1, reject.SensorId).Bind(2, reject.Sequence).Bind(3, reject.ReadingCount).Bind(4, reject.Reason).Bind(5, now).Execute();
                }
            }

            transaction.Commit();
            return (IReadOnlyDictionary<string, SensorCursor>?)conflicts ?? ReadOnlyDictionary<string, SensorCursor>.Empty;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyDictionary<string, SensorCursor>> ReadCursorsAsync(IReadOnlyCollection<string> sensorIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensorIds);
        var cursors = new Dictionary<string, SensorCursor>(StringComparer.Ordinal);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT settled_sequence, session FROM sensors WHERE sensor_id = $sensor";
        var parameter = command.Parameters.Add("$sensor", SqliteType.Text);
        foreach (var sensorId in sensorIds.Distinct(StringComparer.Ordinal))
        {
            parameter.Value = sensorId;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                cursors[sensorId] = new SensorCursor(reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        return cursors;
    }

    public async Task<SensorTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT coalesce(sum(committed_batches), 0), coalesce(sum(committed_readings), 0), coalesce(sum(duplicate_batches), 0),
              coalesce(sum(rejected_batches), 0), coalesce(sum(rejected_readings), 0), coalesce(sum(lost_batches), 0) FROM sensors
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SensorTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    private SensorCursor ReadCursor(SqliteTransaction transaction, string sensorId)
    {
        var command = _readCursor!;
        command.Transaction = transaction;
        command.Parameters[0].Value = sensorId;
        using var reader = command.ExecuteReader();
        return reader.Read() ? new SensorCursor(reader.GetInt64(0), reader.GetInt64(1)) : default;
    }

    public async Task<long?> ReadChecksumAsync(string sensorId, long sequence, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var command = _readChecksum ?? throw new InvalidOperationException("The store is not open.");
            command.Transaction = null;
            command.Parameters[0].Value = sensorId;
            command.Parameters[1].Value = sequence;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            if (!reader.IsDBNull(0))
            {
                return reader.GetInt64(0);
            }

            return StoredChunkRows.ChecksumOfReadings(sensorId, sequence, reader.GetInt32(1), reader.GetFieldValue<byte[]>(2), reader.GetInt64(3));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyDictionary<long, long>> ReadChecksumsAsync(
        string sensorId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var checksums = new Dictionary<long, long>(sequences.Count);
        if (sequences.Count == 0)
        {
            return checksums;
        }

        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT checksum, encoding, readings, reading_count FROM chunks WHERE sensor_id = $sensor AND sequence = $sequence";
        command.Parameters.AddWithValue("$sensor", sensorId);
        var parameter = command.Parameters.Add("$sequence", SqliteType.Integer);
        foreach (var sequence in sequences)
        {
            parameter.Value = sequence;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                checksums[sequence] = reader.IsDBNull(0)
                    ? StoredChunkRows.ChecksumOfReadings(sensorId, sequence, reader.GetInt32(1), reader.GetFieldValue<byte[]>(2), reader.GetInt64(3))
                    : reader.GetInt64(0);
            }
        }

        return checksums;
    }

    public async Task<StoredSettlements> ReadSettlementsAsync(
        string sensorId, long fromSequence, long toSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT sequence, reading_count, reason FROM rejects
            WHERE sensor_id = $sensor AND sequence BETWEEN $from AND $to ORDER BY sequence LIMIT $limit;
            SELECT first_sequence, last_sequence, reason FROM gaps
            WHERE sensor_id = $sensor AND first_sequence <= $to AND last_sequence >= $from ORDER BY first_sequence LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$sensor", sensorId);
        command.Parameters.AddWithValue("$from", fromSequence);
        command.Parameters.AddWithValue("$to", toSequence);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredSettlements.ReadAsync(reader, sensorId, cancellationToken);
    }

    public bool IsDamage(Exception failure) => SqliteErrors.IsDamage(failure);

    /// <summary>
    /// A real write: one transaction inserts a row of <see cref="ProbeBytes"/> random bytes into schema_info, deletes it
    /// and commits. It leaves nothing behind, yet it needs pages, write-ahead log space and an fsync as a commit of chunks
    /// does, so it fails where a commit would: on a full disk, with SQLITE_FULL. (A transaction that only reads, or is
    /// rolled back, writes nothing and succeeds on a full disk.) Random bytes, because a file system that compresses
    /// would store zeros in no space at all.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? throw new InvalidOperationException("The store is not open.");
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO schema_info (version, created_ms) VALUES (-1, randomblob({ProbeBytes})); DELETE FROM schema_info WHERE version = -1;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// <c>PRAGMA wal_checkpoint(TRUNCATE)</c>: copies the write-ahead log into the database file and truncates it to
    /// nothing. Waits (up to the busy timeout) for readers of older snapshots; false when they kept it from finishing.
    /// </summary>
    public async Task<IReadOnlyList<string>> ForgetUnusedSensorsAsync(DateTimeOffset seenBefore, int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? throw new InvalidOperationException("The store is not open.");
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                """
                DELETE FROM sensors WHERE sensor_id IN (
                  SELECT s.sensor_id FROM sensors s
                  WHERE s.settled_sequence = 0 AND s.last_write_ms < $1
                    AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.sensor_id = s.sensor_id)
                    AND NOT EXISTS (SELECT 1 FROM sensor_configs sc WHERE sc.sensor_id = s.sensor_id AND sc.updated_ms >= $1)
                  LIMIT $2)
                RETURNING sensor_id;
                DELETE FROM sensor_configs WHERE sensor_id IN (
                  SELECT sc.sensor_id FROM sensor_configs sc
                  WHERE sc.updated_ms < $1 AND NOT EXISTS (SELECT 1 FROM sensors s WHERE s.sensor_id = sc.sensor_id)
                  LIMIT $2)
                RETURNING sensor_id;
                """;
            command.Parameters.AddWithValue("$1", seenBefore.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$2", limit);
            var forgotten = new HashSet<string>(StringComparer.Ordinal);
            using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        forgotten.Add(reader.GetString(0));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            transaction.Commit();
            return [.. forgotten];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? throw new InvalidOperationException("The store is not open.");
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);

            // One row: busy (1 when it could not finish), frames in the log, frames copied.
            return await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Checkpoints (<see cref="CheckpointAsync"/>) when the write-ahead log has grown to half the disk space still free
    /// beside the database. A checkpoint needs room to copy the log's pages into the file, at most the log's size; a log
    /// left to grow into the last free space holds the disk full for good, as no checkpoint can then make room (and
    /// SQLite's own, past CheckpointWalMegabytes, may never come). True when it checkpointed.
    /// </summary>
    public async Task<bool> CheckpointIfShortOfSpaceAsync(CancellationToken cancellationToken)
    {
        var log = new FileInfo(DatabasePath + "-wal");
        if (!log.Exists || log.Length == 0)
        {
            return false;
        }

        var free = new DriveInfo(Path.GetDirectoryName(DatabasePath)!).AvailableFreeSpace;
        if (log.Length < free / 2)
        {
            return false;
        }

        if (_spaceWarnings.TryEnter())
        {
            CollectorLog.CheckpointedForSpace(logger ?? NullLogger<SqliteChunkStore>.Instance, DatabasePath, log.Length / Mebibyte, free / Mebibyte);
        }

        return await CheckpointAsync(cancellationToken);
    }

    /// <summary>
    /// Test hook: <c>PRAGMA max_page_count</c> on the writing connection, so that a write that needs a page beyond
    /// <paramref name="pages"/> fails with SQLITE_FULL, as on a full disk, without root or a small file system. SQLite
    /// never sets the cap below the pages in use, and leaves it as it is for 0. Returns the cap in force.
    /// </summary>
    internal async Task<long> SetMaxPageCountAsync(long pages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? throw new InvalidOperationException("The store is not open.");
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA max_page_count = {pages}";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Each page opens a read-only connection of its own, and its reader closes it (<see cref="CommandBehavior.CloseConnection"/>):
    /// while the caller hands the chunks on to a slow client, the query holds no connection, transaction or file handle.
    /// </summary>
    public IAsyncEnumerable<StoredChunk> ReadChunksAsync(string sensorId, long fromMicros, long toMicros, int maxPageReadings, CancellationToken cancellationToken)
    {
        SqliteCommand PageAfter(long afterTime, long afterSequence)
        {
            var connection = new SqliteConnection(ReaderConnectionString);
            try
            {
                connection.Open();
                var command = connection.CreateCommand();
                command.CommandText =
                    """
                    SELECT sequence, first_time_us, last_time_us, encoding, readings, reading_count, checksum FROM chunks
                    WHERE sensor_id = $sensor AND first_time_us < $to AND last_time_us >= $from
                      AND (first_time_us > $afterTime OR (first_time_us = $afterTime AND sequence > $afterSequence))
                    ORDER BY first_time_us, sequence
                    LIMIT $limit
                    """;
                command.Parameters.AddWithValue("$sensor", sensorId);
                command.Parameters.AddWithValue("$from", fromMicros);
                command.Parameters.AddWithValue("$to", toMicros);
                command.Parameters.AddWithValue("$afterTime", afterTime);
                command.Parameters.AddWithValue("$afterSequence", afterSequence);
                command.Parameters.AddWithValue("$limit", ChunkPages.Size);
                return command;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        return ChunkPages.ReadAsync(sensorId, maxPageReadings, PageAfter, cancellationToken);
    }

    private string ReaderConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = DatabasePath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    /// <summary>A read-only connection of its own, which WAL lets read beside the writer.</summary>
    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ReaderConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            DisposeStatements();

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }

            if (_lock is not null)
            {
                await _lock.DisposeAsync();
                _lock = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// One collector per database file: each keeps its settled sequences in memory, so a second writer
    /// would fail every batch the first one already stored. The lock is released when the process ends.
    /// </summary>
    private FileStream AcquireLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw StorageInUseException.Locked(DatabasePath, path, ex);
        }
    }

    /// <summary>The writing connection's page cache and checkpoint size, in pages of this database's size.</summary>
    private async Task TuneAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        var pageSize = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var settings = options.Value;
        var checkpointPages = Math.Max(1, settings.CheckpointWalMegabytes * 1024L * 1024 / pageSize);
        command.CommandText = $"PRAGMA cache_size = -{settings.CacheSizeMegabytes * 1024L}; PRAGMA wal_autocheckpoint = {checkpointPages};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Finalizes the prepared statements: a connection closed with one open stays open underneath (and holds the file).</summary>
    private void DisposeStatements()
    {
        foreach (var statement in new[] { _insertChunk, _insertGap, _insertReject, _upsertSensor })
        {
            statement?.Dispose();
        }

        foreach (var command in new[] { _readChecksum, _readCursor })
        {
            command?.Dispose();
        }

        (_insertChunk, _insertGap, _insertReject, _upsertSensor, _readChecksum, _readCursor) = (null, null, null, null, null, null);
    }

    private void PrepareCommands(SqliteConnection connection)
    {
        _insertChunk = new RawStatement(connection,
            "INSERT INTO chunks (sensor_id, sequence, first_time_us, last_time_us, reading_count, encoding, readings, committed_at_ms, checksum) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9);
        _readChecksum = Create(connection, "SELECT checksum, encoding, readings, reading_count FROM chunks WHERE sensor_id = $1 AND sequence = $2", 2);
        _insertGap = new RawStatement(connection,
            "INSERT INTO gaps (sensor_id, first_sequence, last_sequence, detected_at_ms, reason) VALUES ($1, $2, $3, $4, $5)", 5);
        _insertReject = new RawStatement(connection,
            "INSERT INTO rejects (sensor_id, sequence, reading_count, reason, rejected_at_ms) VALUES ($1, $2, $3, $4, $5)", 5);
        _upsertSensor = new RawStatement(connection,
            """
            INSERT INTO sensors (sensor_id, kind, settled_sequence, first_seen_ms, last_write_ms, session,
              committed_batches, committed_readings, duplicate_batches, rejected_batches, rejected_readings, lost_batches)
            VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (sensor_id) DO UPDATE SET
              kind = CASE WHEN excluded.kind <> '' THEN excluded.kind ELSE sensors.kind END,
              settled_sequence = max(sensors.settled_sequence, excluded.settled_sequence),
              session = max(sensors.session, excluded.session),
              last_write_ms = excluded.last_write_ms,
              committed_batches = sensors.committed_batches + excluded.committed_batches,
              committed_readings = sensors.committed_readings + excluded.committed_readings,
              duplicate_batches = sensors.duplicate_batches + excluded.duplicate_batches,
              rejected_batches = sensors.rejected_batches + excluded.rejected_batches,
              rejected_readings = sensors.rejected_readings + excluded.rejected_readings,
              lost_batches = sensors.lost_batches + excluded.lost_batches
            WHERE sensors.settled_sequence = $12 AND sensors.session = $13
            """, 13);
        _readCursor = Create(connection, "SELECT settled_sequence, session FROM sensors WHERE sensor_id = $1", 1);
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 1; i <= parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }

    private static async Task<IReadOnlyList<SensorRecord>> ReadSensorsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT sensor_id, kind, settled_sequence, session,
              committed_batches, committed_readings, duplicate_batches, rejected_batches, rejected_readings, lost_batches
            FROM sensors
            """;
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sensors = new List<SensorRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sensors.Add(new SensorRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                new SensorTotals(reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9))));
        }

        return sensors;
    }
}
