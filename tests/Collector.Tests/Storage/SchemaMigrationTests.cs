using Ingest.Collector.Codec;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Storage;

public sealed class SchemaMigrationTests : IDisposable
{
    /// <summary>The schema the version 1 collector wrote.</summary>
    private const string Version1 =
        """
        CREATE TABLE sensors (sensor_id TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL DEFAULT '', settled_sequence INTEGER NOT NULL, first_seen_ms INTEGER NOT NULL, last_write_ms INTEGER NOT NULL);
        CREATE TABLE chunks (sensor_id TEXT NOT NULL, sequence INTEGER NOT NULL, first_time_us INTEGER NOT NULL, last_time_us INTEGER NOT NULL, reading_count INTEGER NOT NULL, encoding INTEGER NOT NULL, readings BLOB NOT NULL, committed_at_ms INTEGER NOT NULL, UNIQUE (sensor_id, sequence));
        CREATE INDEX chunks_by_time ON chunks (sensor_id, first_time_us);
        CREATE TABLE gaps (sensor_id TEXT NOT NULL, first_sequence INTEGER NOT NULL, last_sequence INTEGER NOT NULL, detected_at_ms INTEGER NOT NULL, PRIMARY KEY (sensor_id, first_sequence));
        CREATE TABLE rejects (sensor_id TEXT NOT NULL, sequence INTEGER NOT NULL, reading_count INTEGER NOT NULL, reason TEXT NOT NULL, rejected_at_ms INTEGER NOT NULL, PRIMARY KEY (sensor_id, sequence));
        CREATE TABLE schema_info (version INTEGER NOT NULL, created_ms INTEGER NOT NULL);
        INSERT INTO schema_info (version, created_ms) VALUES (1, 1000);
        PRAGMA user_version = 1;
        """;

    private readonly TempDirectory _directory = new("migration");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private string DatabasePath => _directory.File("ingest.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenAsync_Version1File_MigratesToTheCurrentVersionKeepingItsChunksAndSensors()
    {
        // A version 1 file as the first collectors wrote it: 4 KB pages, chunks in encoding 1.
        var (timestamps, values) = TestDoubles.TestBatches.Regular("old", 1, count: 10).Decode();
        Execute(Version1);
        Execute("INSERT INTO sensors VALUES ('old', 'thermo', 1, 5, 5)");
        Execute($"INSERT INTO chunks VALUES ('old', 1, {timestamps.Min()}, {timestamps.Max()}, 10, {ChunkEncoding1.Number}, x'{Convert.ToHexString(ChunkEncoding1.Encode(timestamps, values))}', 5)");
        Assert.Equal(4096L, Scalar("PRAGMA page_size"));

        await using (var store = new SqliteChunkStore(Options.Create(new StorageOptions { Path = DatabasePath }), _time))
        {
            var sensors = await store.OpenAsync(CancellationToken.None);
            // Its totals are counted from its rows; duplicates were not kept, so they start at 0.
            Assert.Equal([new SensorRecord("old", "thermo", 1, 0, new SensorTotals(1, 10, 0, 0, 0, 0))], sensors);

            var read = new List<StoredChunk>();
            await foreach (var stored in store.ReadChunksAsync("old", long.MinValue, long.MaxValue, int.MaxValue, CancellationToken.None))
            {
                read.Add(stored);
            }

            var only = Assert.Single(read);
            Assert.Equal(values, only.Values);
            Assert.Equal(timestamps, only.TimestampsMicros);
        }

        Assert.Equal(4096L, Scalar("PRAGMA page_size"));

        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar("PRAGMA user_version"));
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar("SELECT version FROM schema_info"));
        Assert.Equal(1000L, Scalar("SELECT created_ms FROM schema_info"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM config_overrides"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM sensor_configs"));
    }

    [Fact]
    public async Task EnsureAsync_TwoConnectionsAtOnce_BothSucceedAndTheSchemaIsCreatedOnce()
    {
        using var first = Connect();
        using var second = Connect();

        await Task.WhenAll(
            Task.Run(() => SqliteSchema.EnsureAsync(first, _time.GetUtcNow(), CancellationToken.None)),
            Task.Run(() => SqliteSchema.EnsureAsync(second, _time.GetUtcNow(), CancellationToken.None)));

        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar("PRAGMA user_version"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM schema_info"));
    }

    [Fact]
    public async Task ConfigStore_SavedOverridesAndSensors_LoadBackFromTheSameFile()
    {
        var options = Options.Create(new StorageOptions { Path = DatabasePath });
        await using (var store = new SqliteConfigStore(options, _time))
        {
            await store.LoadAsync(CancellationToken.None);
            await store.SaveOverrideAsync(OverrideScope.ForKind("k"), new Dictionary<string, string> { ["BatchSize"] = "5", ["Enabled"] = "false" },
                [new SensorConfigRecord("a", "k", 3, "00112233aabbccdd")], CancellationToken.None);
            await store.SaveSensorsAsync([new SensorConfigRecord("b", "", 3, "ffeeddccbbaa9988")], CancellationToken.None);
            await store.SaveOverrideAsync(OverrideScope.All, new Dictionary<string, string>(), [], CancellationToken.None);
        }

        await using var reopened = new SqliteConfigStore(options, _time);
        var contents = await reopened.LoadAsync(CancellationToken.None);

        var entry = Assert.Single(contents.Overrides);
        Assert.Equal(OverrideScope.ForKind("k"), entry.Scope);
        Assert.Equal([("BatchSize", "5"), ("Enabled", "false")], entry.Settings.Select(s => (s.Key, s.Value)));
        Assert.Equal(_time.GetUtcNow(), entry.UpdatedAt);
        Assert.Equal(
            [new SensorConfigRecord("a", "k", 3, "00112233aabbccdd"), new SensorConfigRecord("b", "", 3, "ffeeddccbbaa9988")],
            contents.Sensors.OrderBy(s => s.SensorId, StringComparer.Ordinal));
    }

    private SqliteConnection Connect() => new SqliteFile(DatabasePath).Connect();

    private void Execute(string sql) => new SqliteFile(DatabasePath).Execute(sql);

    private object? Scalar(string sql) => new SqliteFile(DatabasePath).Scalar(sql);
}
