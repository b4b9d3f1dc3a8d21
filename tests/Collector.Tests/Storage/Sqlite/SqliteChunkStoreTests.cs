using Ingest.Collector.Codec;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Storage.Sqlite;

public sealed class SqliteChunkStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Now);

    private string DatabasePath => _directory.File("data/ingest.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenAsync_NewFile_CreatesTheCurrentSchemaVersionInWalMode()
    {
        await using (var store = CreateStore())
        {
            var sensors = await store.OpenAsync(CancellationToken.None);

            Assert.Empty(sensors);
            Assert.Equal(Path.GetFullPath(DatabasePath), store.DatabasePath);
        }

        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar("PRAGMA user_version"));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar("SELECT version FROM schema_info"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM config_overrides"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM sensor_configs"));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Scalar("SELECT created_ms FROM schema_info"));
    }

    [Fact]
    public async Task CommitAsync_WriteSet_StoresChunksGapsRejectsAndSensors()
    {
        var chunk = TestBatches.Regular("a", 4, count: 5);
        await using (var store = await OpenStoreAsync())
        {
            await store.CommitAsync(WriteSetOf(
                chunks: [chunk],
                gaps: [new SequenceGapRecord("a", 2, 3)],
                rejections: [new RejectedBatchRecord("b", 1, 9, "reading 3 is NaN")],
                sensors: [new SensorRecord("a", "thermometer", 4), new SensorRecord("b", "", 1)]), CancellationToken.None);
        }

        var committedAt = Now.ToUnixTimeMilliseconds();
        Assert.Equal(
            ["a", 4L, chunk.MinTimestampMicros, chunk.MaxTimestampMicros, 5L, (long)ChunkCodec.Encoding, committedAt],
            Row("SELECT sensor_id, sequence, first_time_us, last_time_us, reading_count, encoding, committed_at_ms FROM chunks"));
        Assert.Equal(["a", 2L, 3L, committedAt], Row("SELECT sensor_id, first_sequence, last_sequence, detected_at_ms FROM gaps"));
        Assert.Equal(["b", 1L, 9L, "reading 3 is NaN", committedAt], Row("SELECT sensor_id, sequence, reading_count, reason, rejected_at_ms FROM rejects"));
        Assert.Equal(["a", "thermometer", 4L, committedAt, committedAt], Row("SELECT sensor_id, kind, settled_sequence, first_seen_ms, last_write_ms FROM sensors WHERE sensor_id = 'a'"));
        Assert.Equal(["b", "", 1L], Row("SELECT sensor_id, kind, settled_sequence FROM sensors WHERE sensor_id = 'b'"));
    }

    [Fact]
    public async Task CommitAsync_Chunk_ReadingsColumnDecodesToTheInput()
    {
        var chunk = TestBatches.Regular("a", 1, count: 1000);
        await using (var store = await OpenStoreAsync())
        {
            await store.CommitAsync(WriteSetOf(chunks: [chunk], sensors: [new SensorRecord("a", "", 1)]), CancellationToken.None);
        }

        var (timestamps, values) = ChunkCodec.Decode(ChunkCodec.Encoding, (byte[])Scalar("SELECT readings FROM chunks")!);

        Assert.Equal(chunk.Decode().TimestampsMicros, timestamps);
        Assert.Equal(chunk.Decode().Values, values);
    }

    [Fact]
    public async Task ReadChunksAsync_MoreChunksThanAPage_ReturnsEveryChunkOnceInTimeThenSequenceOrder()
    {
        // Pairs of chunks share a first timestamp, so ties fall across page boundaries too.
        var chunks = Enumerable.Range(1, (ChunkPages.Size * 3) + 7).Select(sequence =>
        {
            var time = TestBatches.BaseMicros + ((sequence / 2) * 1_000L);
            return new Ingest.Collector.Model.ReadingBatch("p", sequence, [time], [sequence], time, time);
        }).ToList();
        await using var store = await OpenStoreAsync();
        await store.CommitAsync(WriteSetOf(chunks: [.. chunks], sensors: [new SensorRecord("p", "", chunks.Count)]), CancellationToken.None);

        var read = new List<StoredChunk>();
        await foreach (var chunk in store.ReadChunksAsync("p", long.MinValue, long.MaxValue, int.MaxValue, CancellationToken.None))
        {
            read.Add(chunk);
        }

        Assert.Equal(chunks.Select(c => c.Sequence), read.Select(c => c.Sequence));
    }

    [Fact]
    public async Task OpenAsync_FileInUseByAnotherStore_IsRefusedUntilTheFirstCloses()
    {
        await using (var first = await OpenStoreAsync())
        {
            await using var second = CreateStore();
            var error = await Assert.ThrowsAsync<StorageInUseException>(() => second.OpenAsync(CancellationToken.None));
            Assert.Contains($"Another collector is using the database {second.DatabasePath} (it holds {second.DatabasePath}.lock)", error.Message, StringComparison.Ordinal);
            Assert.Contains("Stop that collector, or give this one another database file", error.Message, StringComparison.Ordinal);
        }

        await using var third = await OpenStoreAsync();
        Assert.NotNull(third);
    }

    [Fact]
    public async Task OpenAsync_Reopened_ReturnsSensorsWithSettledSequenceAndKind()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.CommitAsync(WriteSetOf(sensors: [new SensorRecord("a", "thermometer", 7), new SensorRecord("b", "", 2)]), CancellationToken.None);
            await store.CommitAsync(WriteSetOf(sensors: [new SensorRecord("a", "", 9)]), CancellationToken.None);
        }

        await using var reopened = CreateStore();
        var sensors = await reopened.OpenAsync(CancellationToken.None);

        Assert.Equal(
            [new SensorRecord("a", "thermometer", 9), new SensorRecord("b", "", 2)],
            sensors.OrderBy(s => s.SensorId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CommitAsync_LowerSettledSequence_NeverMovesASensorBackwards()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.CommitAsync(WriteSetOf(sensors: [new SensorRecord("a", "k", 7)]), CancellationToken.None);
            await store.CommitAsync(WriteSetOf(sensors: [new SensorRecord("a", "k", 3)]), CancellationToken.None);
        }

        Assert.Equal(7L, Scalar("SELECT settled_sequence FROM sensors WHERE sensor_id = 'a'"));
    }

    [Fact]
    public async Task CommitAsync_DuplicateChunk_ThrowsAndRollsBackTheWholeWriteSet()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.CommitAsync(WriteSetOf(chunks: [TestBatches.Regular("a", 1)], sensors: [new SensorRecord("a", "", 1)]), CancellationToken.None);

            var failing = WriteSetOf(
                chunks: [TestBatches.Regular("a", 2), TestBatches.Regular("a", 1)],
                gaps: [new SequenceGapRecord("c", 1, 4)],
                rejections: [new RejectedBatchRecord("b", 1, 3, "bad")],
                sensors: [new SensorRecord("a", "", 2), new SensorRecord("b", "", 1)]);
            await Assert.ThrowsAsync<SqliteException>(() => store.CommitAsync(failing, CancellationToken.None));
        }

        Assert.Equal(1L, Scalar("SELECT count(*) FROM chunks"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM gaps"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM rejects"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM sensors"));
        Assert.Equal(1L, Scalar("SELECT settled_sequence FROM sensors WHERE sensor_id = 'a'"));
    }

    [Fact]
    public async Task CommitAsync_AfterARolledBackWriteSet_StillCommits()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.CommitAsync(WriteSetOf(chunks: [TestBatches.Regular("a", 1)]), CancellationToken.None);
            await Assert.ThrowsAsync<SqliteException>(() => store.CommitAsync(WriteSetOf(chunks: [TestBatches.Regular("a", 1)]), CancellationToken.None));

            await store.CommitAsync(WriteSetOf(chunks: [TestBatches.Regular("a", 2)], sensors: [new SensorRecord("a", "", 2)]), CancellationToken.None);
        }

        Assert.Equal(2L, Scalar("SELECT count(*) FROM chunks"));
        Assert.Equal(2L, Scalar("SELECT settled_sequence FROM sensors"));
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_IsRefusedNamingBothVersions()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var newer = SqliteSchema.CurrentVersion + 1;
        Execute($"PRAGMA user_version = {newer}");

        await using var store = CreateStore();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenAsync(CancellationToken.None));

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the {SqliteSchema.CurrentVersion} this collector understands", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(DatabasePath), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_BeforeOpen_Throws()
    {
        await using var store = CreateStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(new WriteSet(), CancellationToken.None));
    }

    [Fact]
    public async Task ProbeAsync_WhenOpen_Succeeds()
    {
        await using var store = await OpenStoreAsync();

        await store.ProbeAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ProbeAsync_NoPageLeft_FailsWithSqliteFull_ElseWritesAMebibyteDurablyAndLeavesNothingBehind()
    {
        await using var store = await OpenStoreAsync();
        var usual = await store.SetMaxPageCountAsync(0, CancellationToken.None);
        await store.SetMaxPageCountAsync(1, CancellationToken.None);

        var full = await Assert.ThrowsAsync<SqliteException>(() => store.ProbeAsync(CancellationToken.None));

        Assert.Equal(13, full.SqliteErrorCode);
        await store.SetMaxPageCountAsync(usual, CancellationToken.None);
        var logBefore = new FileInfo(DatabasePath + "-wal").Length;
        await store.ProbeAsync(CancellationToken.None);
        Assert.InRange(new FileInfo(DatabasePath + "-wal").Length - logBefore, SqliteChunkStore.ProbeBytes, long.MaxValue);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM schema_info"));
    }

    [Fact]
    public async Task CheckpointAsync_AfterCommits_CopiesTheLogIntoTheFileAndTruncatesIt()
    {
        await using var store = await OpenStoreAsync();
        await store.CommitAsync(WriteSetOf(chunks: [TestBatches.Regular("a", 1, count: 1000)], sensors: [new SensorRecord("a", "", 1)]), CancellationToken.None);
        Assert.NotEqual(0, new FileInfo(DatabasePath + "-wal").Length);

        Assert.True(await store.CheckpointAsync(CancellationToken.None));

        Assert.Equal(0, new FileInfo(DatabasePath + "-wal").Length);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM chunks"));
    }

    [Fact]
    public async Task OpenAsync_FileThatIsNoDatabase_IsRefusedSayingHowToRecover()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await File.WriteAllBytesAsync(DatabasePath, Enumerable.Repeat((byte)0x5A, 2 * SqliteSchema.PageSizeBytes).ToArray());
        await using var store = CreateStore();

        var error = await Assert.ThrowsAsync<StorageDamagedException>(() => store.OpenAsync(CancellationToken.None));

        Assert.StartsWith(
            $"The database {store.DatabasePath} is damaged: PRAGMA quick_check finds: SQLite Error 26: 'file is not a database'. The collector does not start on a damaged database.",
            error.Message, StringComparison.Ordinal);
        Assert.Contains("\".recover\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_BeforeOpen_Throws()
    {
        await using var store = CreateStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ProbeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadChunksAsync_Range_ReturnsTheSensorsOverlappingChunksDecodedByEarliestTimestamp()
    {
        await using var store = await OpenStoreAsync();
        await store.CommitAsync(WriteSetOf(chunks:
        [
            Chunk("a", 1, 0, 10, 20),
            Chunk("a", 2, 30, 40, 50),
            Chunk("a", 3, 100, 110, 120),
            Chunk("a", 4, 60, 5, 33),
            Chunk("b", 1, 30, 40),
        ]), CancellationToken.None);

        var chunks = await ReadAsync(store, "a", 25, 101);

        Assert.Equal([4L, 2, 3], chunks.Select(c => c.Sequence));
        var outOfOrder = chunks[0];
        Assert.Equal((5L, 60L), (outOfOrder.FirstTimeMicros, outOfOrder.LastTimeMicros));
        Assert.Equal([60L, 5, 33], outOfOrder.TimestampsMicros);
        Assert.Equal([0.0, 1, 2], outOfOrder.Values);
    }

    [Fact]
    public async Task ReadChunksAsync_UnknownSensor_ReturnsNothing()
    {
        await using var store = await OpenStoreAsync();

        Assert.Empty(await ReadAsync(store, "nobody", long.MinValue, long.MaxValue));
    }

    [Fact]
    public async Task ReadChunksAsync_WhileAnotherConnectionHoldsAWriteTransaction_ReadsWhatIsCommittedWithoutWaiting()
    {
        await using var store = await OpenStoreAsync();
        await store.CommitAsync(WriteSetOf(chunks: [Chunk("a", 1, 10)]), CancellationToken.None);
        using var writer = Connect();
        using var transaction = writer.BeginTransaction(deferred: false);
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO chunks (sensor_id, sequence, first_time_us, last_time_us, reading_count, encoding, readings, committed_at_ms) VALUES ('a', 2, 20, 20, 0, 1, x'00', 0)";
            insert.ExecuteNonQuery();
        }

        var chunks = await ReadAsync(store, "a", long.MinValue, long.MaxValue).WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal([1L], chunks.Select(c => c.Sequence));
    }

    [Fact]
    public async Task ReadChunksAsync_CorruptChunk_ThrowsInvalidDataNamingTheChunk()
    {
        await using var store = await OpenStoreAsync();
        await store.CommitAsync(WriteSetOf(chunks: [Chunk("a", 7, 10, 20)]), CancellationToken.None);
        Execute("UPDATE chunks SET readings = x'05' WHERE sequence = 7");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(store, "a", long.MinValue, long.MaxValue));

        Assert.StartsWith("Chunk 7 of sensor 'a' is corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_Encoding1Chunk_ReadsItsReadings()
    {
        await using var store = await OpenStoreAsync();
        await store.CommitAsync(WriteSetOf(chunks: [Chunk("a", 1, 10, 20, 35)]), CancellationToken.None);
        var old = Chunk("a", 1, 10, 20, 35);
        var blob = Convert.ToHexString(ChunkEncoding1.Encode(old.Decode().TimestampsMicros, [0.1 + 0.2, -0.0, 21.375]));
        // As an earlier collector wrote it: in encoding 1, with no checksum.
        Execute($"UPDATE chunks SET encoding = {ChunkEncoding1.Number}, readings = x'{blob}', checksum = NULL WHERE sequence = 1");

        var chunk = Assert.Single(await ReadAsync(store, "a", long.MinValue, long.MaxValue));

        Assert.Equal([10L, 20L, 35L], chunk.TimestampsMicros);
        Assert.Equal(new[] { 0.1 + 0.2, -0.0, 21.375 }.Select(BitConverter.DoubleToInt64Bits), chunk.Values.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task ReadChunksAsync_UnknownEncoding_ThrowsInvalidDataNamingTheChunkAndEncoding()
    {
        await using var store = await OpenStoreAsync();
        await store.CommitAsync(WriteSetOf(chunks: [Chunk("a", 7, 10, 20)]), CancellationToken.None);
        Execute("UPDATE chunks SET encoding = 9 WHERE sequence = 7");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(store, "a", long.MinValue, long.MaxValue));

        Assert.StartsWith("Chunk 7 of sensor 'a' has encoding 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NewDatabase_HasPagesOfSixteenKilobytes()
    {
        await using var store = await OpenStoreAsync();

        Assert.Equal(16384L, Scalar("PRAGMA page_size"));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(64, true)]
    public async Task CommitAsync_WriteAheadLogPastCheckpointWalMegabytes_IsCopiedIntoTheFileAndReused(int checkpointWalMegabytes, bool logHoldsEverything)
    {
        const int Chunks = 40;
        const int ReadingsPerChunk = 10_000;
        var store = new SqliteChunkStore(Options.Create(new StorageOptions { Path = DatabasePath, CheckpointWalMegabytes = checkpointWalMegabytes }), _time);
        await using (store)
        {
            await store.OpenAsync(CancellationToken.None);
            var random = new Random(7);
            for (var sequence = 1; sequence <= Chunks; sequence++)
            {
                // Values that are not short decimals are stored raw: 8 bytes a reading, 80 KB a chunk, 3.2 MB in all.
                var timestamps = Enumerable.Range(0, ReadingsPerChunk).Select(i => TestBatches.BaseMicros + (sequence * ReadingsPerChunk) + i).ToArray();
                var values = Enumerable.Range(0, ReadingsPerChunk).Select(_ => random.NextDouble()).ToArray();
                var chunk = new Ingest.Collector.Model.ReadingBatch("a", sequence, timestamps, values, timestamps[0], timestamps[^1]);
                await store.CommitAsync(WriteSetOf(chunks: [chunk], sensors: [new SensorRecord("a", "", sequence)]), CancellationToken.None);
            }

            var logBytes = new FileInfo(DatabasePath + "-wal").Length;
            var written = Chunks * ReadingsPerChunk * sizeof(double);
            Assert.True(
                logHoldsEverything ? logBytes >= written : logBytes < 2 * 1024 * 1024,
                $"the write-ahead log is {logBytes} bytes after {written} bytes of readings with CheckpointWalMegabytes = {checkpointWalMegabytes}");
        }

        Assert.Equal((long)Chunks, Scalar("SELECT count(*) FROM chunks"));
    }

    private static Ingest.Collector.Model.ReadingBatch Chunk(string sensorId, long sequence, params long[] offsetsMicros)
    {
        var timestamps = offsetsMicros.Select(o => TestBatches.BaseMicros + o).ToArray();
        var values = Enumerable.Range(0, timestamps.Length).Select(i => (double)i).ToArray();
        return new Ingest.Collector.Model.ReadingBatch(sensorId, sequence, timestamps, values, timestamps.Min(), timestamps.Max());
    }

    /// <summary>Reads the chunks of a range given in µs after <see cref="TestBatches.BaseMicros"/>, and makes the result relative to it again.</summary>
    private static async Task<List<StoredChunk>> ReadAsync(SqliteChunkStore store, string sensorId, long fromOffset, long toOffset)
    {
        static long Absolute(long offset) => offset is long.MinValue or long.MaxValue ? offset : TestBatches.BaseMicros + offset;
        var chunks = new List<StoredChunk>();
        await foreach (var chunk in store.ReadChunksAsync(sensorId, Absolute(fromOffset), Absolute(toOffset), int.MaxValue, CancellationToken.None))
        {
            chunks.Add(chunk with
            {
                FirstTimeMicros = chunk.FirstTimeMicros - TestBatches.BaseMicros,
                LastTimeMicros = chunk.LastTimeMicros - TestBatches.BaseMicros,
                TimestampsMicros = [.. chunk.TimestampsMicros.Select(t => t - TestBatches.BaseMicros)],
            });
        }

        return chunks;
    }

    private SqliteChunkStore CreateStore() => new(Options.Create(new StorageOptions { Path = DatabasePath }), _time);

    private async Task<SqliteChunkStore> OpenStoreAsync()
    {
        var store = CreateStore();
        await store.OpenAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A write set whose sensor rows expect what is stored now, as the commit pipeline's would.</summary>
    private WriteSet WriteSetOf(
        Ingest.Collector.Model.ReadingBatch[]? chunks = null,
        SequenceGapRecord[]? gaps = null,
        RejectedBatchRecord[]? rejections = null,
        SensorRecord[]? sensors = null)
    {
        var writeSet = new WriteSet();
        writeSet.Chunks.AddRange(chunks ?? []);
        writeSet.Gaps.AddRange(gaps ?? []);
        writeSet.Rejections.AddRange(rejections ?? []);
        foreach (var sensor in sensors ?? [])
        {
            var write = writeSet.Sensor(sensor.SensorId, sensor.Kind, StoredCursor(sensor.SensorId));
            write.Cursor = new Ingest.Collector.Sequencing.SensorCursor(sensor.SettledSequence, sensor.Session);
            write.Added = sensor.Totals;
        }

        return writeSet;
    }

    private Ingest.Collector.Sequencing.SensorCursor StoredCursor(string sensorId)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT settled_sequence, session FROM sensors WHERE sensor_id = $id";
        command.Parameters.AddWithValue("$id", sensorId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new(reader.GetInt64(0), reader.GetInt64(1)) : default;
    }

    private SqliteConnection Connect() => new SqliteFile(DatabasePath).Connect();

    private void Execute(string sql) => new SqliteFile(DatabasePath).Execute(sql);

    private object? Scalar(string sql) => new SqliteFile(DatabasePath).Scalar(sql);

    private object[] Row(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "expected a row from: " + sql);
        var row = new object[reader.FieldCount];
        reader.GetValues(row);
        Assert.False(reader.Read(), "expected only one row from: " + sql);
        return row;
    }
}
