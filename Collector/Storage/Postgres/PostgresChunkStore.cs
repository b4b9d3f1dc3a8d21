using System.Collections.ObjectModel;
using Ingest.Collector.Model;
using Ingest.Collector.Sequencing;
using Npgsql;

namespace Ingest.Collector.Storage.Postgres;

/// <summary>
/// The chunk store in a PostgreSQL database that several collectors share. A commit is one transaction: it locks the
/// rows of the sensors it touches in sensor id order (so that two collectors' transactions cannot deadlock), keeps
/// only the sensors whose rows still stand where this collector expected them (compare-and-set; the others are
/// returned, untouched, with where they stand), and writes those sensors' rows, chunks, gaps and rejections with set
/// statements, chunks with <c>ON CONFLICT DO NOTHING</c>. Reads are plain queries beside the writers.
/// </summary>
internal sealed class PostgresChunkStore(PostgresDatabase database, TimeProvider timeProvider) : IChunkStore
{
    /// <summary>Tries of a commit PostgreSQL aborted for another transaction's sake (a deadlock), before it fails.</summary>
    internal const int MaxRetryableAttempts = 3;

    /// <summary>What <see cref="ProbeAsync"/> writes: about what a busy commit writes.</summary>
    internal const int ProbeBytes = 1024 * 1024;

    public string Location => database.Location;

    public int SchemaVersion => PostgresSchema.CurrentVersion;

    public async Task<IReadOnlyList<SensorRecord>> OpenAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT sensor_id, kind, settled_sequence, session,
              committed_batches, committed_readings, duplicate_batches, rejected_batches, rejected_readings, lost_batches
            FROM sensors
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sensors = new List<SensorRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sensors.Add(new SensorRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                new SensorTotals(reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9))));
        }

        return sensors;
    }

    public async Task<IReadOnlyDictionary<string, SensorCursor>> CommitAsync(WriteSet writeSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeSet);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CommitOnceAsync(writeSet, cancellationToken);
            }
            catch (PostgresException ex) when (PostgresErrors.IsRetryable(ex) && attempt < MaxRetryableAttempts)
            {
                // Another collector's transaction won; this one was rolled back whole, so it is tried again as it was.
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, SensorCursor>> CommitOnceAsync(WriteSet writeSet, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var sensors = writeSet.Sensors.OrderBy(s => s.SensorId, StringComparer.Ordinal).ToList();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var stored = await LockSensorsAsync(connection, transaction, sensors, now, cancellationToken);
        Dictionary<string, SensorCursor>? conflicts = null;
        var written = new List<SensorWrite>(sensors.Count);
        foreach (var sensor in sensors)
        {
            var cursor = stored.GetValueOrDefault(sensor.SensorId);
            if (cursor == sensor.Expected)
            {
                written.Add(sensor);
            }
            else
            {
                (conflicts ??= new(StringComparer.Ordinal))[sensor.SensorId] = cursor;
            }
        }

        bool Written(string sensorId) => conflicts?.ContainsKey(sensorId) != true;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            AddSensorUpdates(batch, written, now);
            var chunks = writeSet.Chunks.Where(c => Written(c.SensorId)).ToList();
            if (chunks.Count > 0)
            {
                AddChunkInserts(batch, chunks, now);
            }

            var gaps = writeSet.Gaps.Where(g => Written(g.SensorId)).ToList();
            if (gaps.Count > 0)
            {
                batch.BatchCommands.Add(Command(
                    """
                    INSERT INTO gaps (sensor_id, first_sequence, last_sequence, detected_at_ms, reason)
                    SELECT g.sensor_id, g.first_sequence, g.last_sequence, $4, g.reason
                    FROM unnest($1::text[], $2::bigint[], $3::bigint[], $5::text[]) AS g(sensor_id, first_sequence, last_sequence, reason)
                    ON CONFLICT (sensor_id, first_sequence) DO NOTHING
                    """,
                    gaps.Select(g => g.SensorId).ToArray(), gaps.Select(g => g.FirstSequence).ToArray(), gaps.Select(g => g.LastSequence).ToArray(),
                    now, gaps.Select(g => g.Reason).ToArray()));
            }

            var rejects = writeSet.Rejections.Where(r => Written(r.SensorId)).ToList();
            if (rejects.Count > 0)
            {
                batch.BatchCommands.Add(Command(
                    """
                    INSERT INTO rejects (sensor_id, sequence, reading_count, reason, rejected_at_ms)
                    SELECT r.sensor_id, r.sequence, r.reading_count, r.reason, $5
                    FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::text[]) AS r(sensor_id, sequence, reading_count, reason)
                    ON CONFLICT (sensor_id, sequence) DO NOTHING
                    """,
                    rejects.Select(r => r.SensorId).ToArray(), rejects.Select(r => r.Sequence).ToArray(), rejects.Select(r => r.ReadingCount).ToArray(),
                    rejects.Select(r => r.Reason).ToArray(), now));
            }

            if (batch.BatchCommands.Count > 0)
            {
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                if (chunks.Count > 0)
                {
                    // The chunk insert answers the number of rows it stored: one per chunk, as each sensor's row was
                    // locked at the cursor below its sequences. Anything else is a database out of step with itself.
                    // (The reader passes over the statements that return no rows.)
                    await reader.ReadAsync(cancellationToken);
                    var inserted = reader.GetInt64(0);
                    if (inserted != chunks.Count)
                    {
                        throw new InvalidOperationException(
                            $"{chunks.Count - inserted} of {chunks.Count} chunks were already stored although their sensors' rows said they were not; nothing of this commit is kept");
                    }
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (IReadOnlyDictionary<string, SensorCursor>?)conflicts ?? ReadOnlyDictionary<string, SensorCursor>.Empty;
    }

    /// <summary>
    /// Creates the rows of sensors this collector has never seen stored, then locks every touched sensor's row, in
    /// sensor id order, and returns where each stands.
    /// </summary>
    private static async Task<Dictionary<string, SensorCursor>> LockSensorsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<SensorWrite> sensors, long now, CancellationToken cancellationToken)
    {
        var ids = sensors.Select(s => s.SensorId).ToArray();
        var unseen = sensors.Where(s => s.Expected == default).Select(s => s.SensorId).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (unseen.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO sensors (sensor_id, first_seen_ms, last_write_ms)
                SELECT id, $2, $2 FROM unnest($1::text[]) AS id ORDER BY id
                ON CONFLICT (sensor_id) DO NOTHING
                """, unseen, now));
        }

        batch.BatchCommands.Add(Command(
            "SELECT sensor_id, settled_sequence, session FROM sensors WHERE sensor_id = ANY($1) ORDER BY sensor_id FOR UPDATE", (object)ids));
        var cursors = new Dictionary<string, SensorCursor>(ids.Length, StringComparer.Ordinal);
        // The reader passes over the insert, which returns no rows.
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cursors[reader.GetString(0)] = new SensorCursor(reader.GetInt64(1), reader.GetInt64(2));
        }

        return cursors;
    }

    private static void AddSensorUpdates(NpgsqlBatch batch, List<SensorWrite> sensors, long now)
    {
        if (sensors.Count == 0)
        {
            return;
        }

        batch.BatchCommands.Add(Command(
            """
            UPDATE sensors AS s SET
              kind = CASE WHEN u.kind <> '' THEN u.kind ELSE s.kind END,
              settled_sequence = u.settled_sequence,
              session = u.session,
              last_write_ms = $11,
              committed_batches = s.committed_batches + u.committed_batches,
              committed_readings = s.committed_readings + u.committed_readings,
              duplicate_batches = s.duplicate_batches + u.duplicate_batches,
              rejected_batches = s.rejected_batches + u.rejected_batches,
              rejected_readings = s.rejected_readings + u.rejected_readings,
              lost_batches = s.lost_batches + u.lost_batches
            FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[])
              AS u(sensor_id, kind, settled_sequence, session, committed_batches, committed_readings, duplicate_batches, rejected_batches, rejected_readings, lost_batches)
            WHERE s.sensor_id = u.sensor_id
            """,
            sensors.Select(s => s.SensorId).ToArray(), sensors.Select(s => s.Kind).ToArray(),
            sensors.Select(s => s.Cursor.Settled).ToArray(), sensors.Select(s => s.Cursor.Session).ToArray(),
            sensors.Select(s => s.Added.CommittedBatches).ToArray(), sensors.Select(s => s.Added.CommittedReadings).ToArray(),
            sensors.Select(s => s.Added.DuplicateBatches).ToArray(), sensors.Select(s => s.Added.RejectedBatches).ToArray(),
            sensors.Select(s => s.Added.RejectedReadings).ToArray(), sensors.Select(s => s.Added.LostBatches).ToArray(),
            now));
    }

    private static void AddChunkInserts(NpgsqlBatch batch, List<ReadingBatch> chunks, long now)
    {
        batch.BatchCommands.Add(Command(
            """
            WITH stored AS (
              INSERT INTO chunks (sensor_id, sequence, first_time_us, last_time_us, reading_count, encoding, readings, committed_at_ms, checksum)
              SELECT c.sensor_id, c.sequence, c.first_time_us, c.last_time_us, c.reading_count, c.encoding, c.readings, $8, c.checksum
              FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::integer[], $6::integer[], $7::bytea[], $9::bigint[])
                AS c(sensor_id, sequence, first_time_us, last_time_us, reading_count, encoding, readings, checksum)
              ON CONFLICT (sensor_id, sequence) DO NOTHING
              RETURNING 1)
            SELECT count(*) FROM stored
            """,
            chunks.Select(c => c.SensorId).ToArray(), chunks.Select(c => c.Sequence).ToArray(),
            chunks.Select(c => c.MinTimestampMicros).ToArray(), chunks.Select(c => c.MaxTimestampMicros).ToArray(),
            chunks.Select(c => c.Count).ToArray(), chunks.Select(c => c.Encoding).ToArray(),
            chunks.Select(c => c.EncodedReadings).ToArray(), now, chunks.Select(c => c.Checksum).ToArray()));
    }

    public async Task<IReadOnlyDictionary<string, SensorCursor>> ReadCursorsAsync(IReadOnlyCollection<string> sensorIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensorIds);
        var cursors = new Dictionary<string, SensorCursor>(StringComparer.Ordinal);
        await using var command = database.DataSource.CreateCommand(
            "SELECT sensor_id, settled_sequence, session FROM sensors WHERE sensor_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = sensorIds.Distinct(StringComparer.Ordinal).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cursors[reader.GetString(0)] = new SensorCursor(reader.GetInt64(1), reader.GetInt64(2));
        }

        return cursors;
    }

    public async Task<SensorTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        // sum(bigint) is numeric in PostgreSQL: cast back, totals fit a bigint.
        await using var command = database.DataSource.CreateCommand(
            """
            SELECT coalesce(sum(committed_batches), 0)::bigint, coalesce(sum(committed_readings), 0)::bigint, coalesce(sum(duplicate_batches), 0)::bigint,
              coalesce(sum(rejected_batches), 0)::bigint, coalesce(sum(rejected_readings), 0)::bigint, coalesce(sum(lost_batches), 0)::bigint FROM sensors
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SensorTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    public async Task<long?> ReadChecksumAsync(string sensorId, long sequence, CancellationToken cancellationToken)
    {
        var checksums = await ReadChecksumsAsync(sensorId, [sequence], cancellationToken);
        return checksums.TryGetValue(sequence, out var checksum) ? checksum : null;
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

        // The readings are fetched only for chunks stored before checksums were kept (none, in this engine's schema).
        await using var command = database.DataSource.CreateCommand(
            """
            SELECT sequence, checksum, encoding, CASE WHEN checksum IS NULL THEN readings END, reading_count
            FROM chunks WHERE sensor_id = $1 AND sequence = ANY($2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sensorId });
        command.Parameters.Add(new NpgsqlParameter { Value = sequences.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            checksums[sequence] = reader.IsDBNull(1)
                ? StoredChunkRows.ChecksumOfReadings(sensorId, sequence, reader.GetInt32(2), reader.GetFieldValue<byte[]>(3), reader.GetInt32(4))
                : reader.GetInt64(1);
        }

        return checksums;
    }

    public async Task<StoredSettlements> ReadSettlementsAsync(
        string sensorId, long fromSequence, long toSequence, int limit, CancellationToken cancellationToken)
    {
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            "SELECT sequence, reading_count, reason FROM rejects WHERE sensor_id = $1 AND sequence BETWEEN $2 AND $3 ORDER BY sequence LIMIT $4",
            sensorId, fromSequence, toSequence, limit));
        batch.BatchCommands.Add(Command(
            "SELECT first_sequence, last_sequence, reason FROM gaps WHERE sensor_id = $1 AND first_sequence <= $3 AND last_sequence >= $2 ORDER BY first_sequence LIMIT $4",
            sensorId, fromSequence, toSequence, limit));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await StoredSettlements.ReadAsync(reader, sensorId, cancellationToken);
    }

    public bool IsDamage(Exception failure) => PostgresErrors.IsDamage(failure);

    /// <summary>
    /// A real write: one transaction stores a chunk row of <see cref="ProbeBytes"/> random bytes under sensor id ''
    /// (which no sensor can have), deletes it and commits. It needs write-ahead log space and a flush as a commit of
    /// chunks does, so it fails where one would: a server that is down, read-only or out of disk.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO chunks (sensor_id, sequence, first_time_us, last_time_us, reading_count, encoding, readings, committed_at_ms)
            SELECT '', -1, 0, 0, 0, 0, decode(string_agg(md5(random()::text), ''), 'hex'), 0 FROM generate_series(1, {ProbeBytes / 16});
            DELETE FROM chunks WHERE sensor_id = '' AND sequence = -1;
            """, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>PostgreSQL checkpoints by itself; nothing to do.</summary>
    public Task<bool> CheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>The server keeps its own log and disk space; nothing to do.</summary>
    public Task<bool> CheckpointIfShortOfSpaceAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task<IReadOnlyList<string>> ForgetUnusedSensorsAsync(DateTimeOffset seenBefore, int limit, CancellationToken cancellationToken)
    {
        // One statement: each DELETE re-checks its row's own condition (settled nothing, not seen since) on the row as it
        // stands when it is deleted, so a sensor another collector greets, stores or registers meanwhile is kept. A
        // configuration row goes only with its sensor row, or when it has none.
        await using var command = database.DataSource.CreateCommand(
            """
            WITH gone AS (
              DELETE FROM sensors s
              WHERE s.sensor_id IN (
                  SELECT c.sensor_id FROM sensors c
                  WHERE c.settled_sequence = 0 AND c.last_write_ms < $1
                    AND NOT EXISTS (SELECT 1 FROM sensor_configs sc WHERE sc.sensor_id = c.sensor_id AND sc.updated_ms >= $1)
                  LIMIT $2)
                AND s.settled_sequence = 0 AND s.last_write_ms < $1
                AND NOT EXISTS (SELECT 1 FROM chunks k WHERE k.sensor_id = s.sensor_id)
              RETURNING s.sensor_id),
            configs AS (
              DELETE FROM sensor_configs sc
              WHERE sc.sensor_id IN (
                  SELECT c.sensor_id FROM sensor_configs c
                  WHERE c.updated_ms < $1
                    AND NOT EXISTS (SELECT 1 FROM sensors s WHERE s.sensor_id = c.sensor_id AND s.sensor_id NOT IN (SELECT sensor_id FROM gone))
                  LIMIT $2)
                AND sc.updated_ms < $1
              RETURNING sc.sensor_id)
            SELECT sensor_id FROM gone UNION SELECT sensor_id FROM configs
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = seenBefore.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)limit });
        var forgotten = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            forgotten.Add(reader.GetString(0));
        }

        return forgotten;
    }

    public IAsyncEnumerable<StoredChunk> ReadChunksAsync(string sensorId, long fromMicros, long toMicros, int maxPageReadings, CancellationToken cancellationToken)
    {
        NpgsqlCommand PageAfter(long afterTime, long afterSequence)
        {
            var command = database.DataSource.CreateCommand(
                """
                SELECT sequence, first_time_us, last_time_us, encoding, readings, reading_count::bigint, checksum FROM chunks
                WHERE sensor_id = $1 AND first_time_us < $3 AND last_time_us >= $2
                  AND (first_time_us, sequence) > ($4, $5)
                ORDER BY first_time_us, sequence
                LIMIT $6
                """);
            foreach (var value in new object[] { sensorId, fromMicros, toMicros, afterTime, afterSequence, ChunkPages.Size })
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            return command;
        }

        return ChunkPages.ReadAsync(sensorId, maxPageReadings, PageAfter, cancellationToken);
    }

    /// <summary>The data source is the <see cref="PostgresDatabase"/>'s, disposed with it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
