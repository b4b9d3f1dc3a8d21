using System.Collections.Immutable;
using Ingest.Collector.Model;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Storage.Contract;

/// <summary>
/// What every storage engine promises behind <see cref="IChunkStore"/> and <see cref="IConfigStore"/>: the same tests,
/// run once per engine (<see cref="SqliteStoreContractTests"/>, <see cref="PostgresStoreContractTests"/>).
/// </summary>
public abstract class StorageContractTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _stores = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private protected StorageEngineUnderTest Engine { get; private set; } = null!;

    private protected abstract Task<StorageEngineUnderTest> CreateEngineAsync();

    public async Task InitializeAsync() => Engine = await CreateEngineAsync();

    public async Task DisposeAsync()
    {
        for (var i = _stores.Count - 1; i >= 0; i--)
        {
            await _stores[i].DisposeAsync();
        }

        await Engine.DisposeAsync();
    }

    [Fact]
    public async Task OpenAsync_EmptyDatabase_CreatesTheCurrentSchemaWithNoSensors()
    {
        var store = await OpenAsync();

        Assert.Equal(Engine.CurrentSchemaVersion, store.SchemaVersion);
        Assert.Equal(Engine.CurrentSchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), await Engine.ScalarAsync("SELECT max(version) FROM schema_info"));
        Assert.Equal("0", await Engine.ScalarAsync("SELECT count(*) FROM chunks"));
    }

    [Fact]
    public async Task OpenAsync_DatabaseOfANewerCollector_IsRefusedNamingBothVersions()
    {
        await (await OpenAsync()).DisposeAsync();
        var newer = Engine.CurrentSchemaVersion + 1;
        await Engine.MarkSchemaVersionAsync(newer);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Track(Engine.CreateChunkStore()).OpenAsync(CancellationToken.None));

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"newer than the {Engine.CurrentSchemaVersion}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_ThenReopen_SensorsComeBackWithTheirCursorsKindsAndTotals()
    {
        var store = await OpenAsync();
        var writeSet = new WriteSet();
        writeSet.Chunks.Add(TestBatches.Regular("a", 1, count: 4));
        writeSet.Chunks.Add(TestBatches.Regular("a", 3, count: 5));
        writeSet.Gaps.Add(new SequenceGapRecord("a", 2, 2));
        var a = writeSet.Sensor("a", "thermometer", default);
        (a.Cursor, a.Added) = (new SensorCursor(3, 1), new SensorTotals(2, 9, 0, 0, 0, 1));
        Assert.Empty(await store.CommitAsync(writeSet, CancellationToken.None));
        await store.DisposeAsync();

        var sensors = await Track(Engine.CreateChunkStore()).OpenAsync(CancellationToken.None);

        var sensor = Assert.Single(sensors);
        Assert.Equal(new SensorRecord("a", "thermometer", 3, 1, new SensorTotals(2, 9, 0, 0, 0, 1)), sensor);
    }

    [Fact]
    public async Task CommitAsync_SensorRowMovedOnSinceItWasRead_WritesNothingOfThatSensorAndReturnsWhereItStands()
    {
        var store = await OpenAsync();
        await CommitChunksAsync(store, "a", 1, 2);

        // A second collector saw the sensor at (1, 0) and decides sequence 2 with a gap: the row stands at (2, 0) now.
        var stale = new WriteSet();
        stale.Chunks.Add(TestBatches.Regular("a", 2, count: 7));
        stale.Rejections.Add(new RejectedBatchRecord("a", 3, 1, "reading 0 is NaN"));
        var a = stale.Sensor("a", "", new SensorCursor(1, 0));
        (a.Cursor, a.Added) = (new SensorCursor(3, 0), new SensorTotals(1, 7, 0, 1, 1, 0));
        stale.Chunks.Add(TestBatches.Regular("b", 1));
        var b = stale.Sensor("b", "", default);
        (b.Cursor, b.Added) = (new SensorCursor(1, 0), new SensorTotals(1, 3, 0, 0, 0, 0));

        var conflicts = await store.CommitAsync(stale, CancellationToken.None);

        Assert.Equal(new Dictionary<string, SensorCursor> { ["a"] = new(2, 0) }, conflicts);
        Assert.Equal(await ChecksumOf(store, "a", 2), TestBatches.Regular("a", 2).Checksum);
        Assert.Equal("0", await Engine.ScalarAsync("SELECT count(*) FROM rejects"));
        Assert.Equal("2", await Engine.ScalarAsync("SELECT committed_batches FROM sensors WHERE sensor_id = 'a'"));
        Assert.Equal("1", await Engine.ScalarAsync("SELECT settled_sequence FROM sensors WHERE sensor_id = 'b'"));
        Assert.Equal(TestBatches.Regular("b", 1).Checksum, await ChecksumOf(store, "b", 1));
    }

    [Fact]
    public async Task CommitAsync_SessionOpenedSinceItWasRead_IsAConflictSoABatchOfTheOldSessionIsNotStored()
    {
        var store = await OpenAsync();
        var greeting = new WriteSet();
        greeting.Sensor("a", "", default).Cursor = new SensorCursor(0, 2);
        Assert.Empty(await store.CommitAsync(greeting, CancellationToken.None));

        var oldSession = new WriteSet();
        oldSession.Chunks.Add(TestBatches.Regular("a", 1));
        var a = oldSession.Sensor("a", "", new SensorCursor(0, 1));
        a.Cursor = new SensorCursor(1, 1);

        var conflicts = await store.CommitAsync(oldSession, CancellationToken.None);

        Assert.Equal(new SensorCursor(0, 2), conflicts["a"]);
        Assert.Equal("0", await Engine.ScalarAsync("SELECT count(*) FROM chunks"));
    }

    [Fact]
    public async Task ReadTotalsAsync_AfterCommitsOfSeveralSensors_IsTheSumOfTheirStoredTotals()
    {
        var store = await OpenAsync();
        Assert.Equal(default, await store.ReadTotalsAsync(CancellationToken.None));
        await CommitChunksAsync(store, "a", 1, 3);
        await CommitChunksAsync(store, "b", 1, 2);
        await CommitChunksAsync(store, "a", 4, 4);

        var totals = await store.ReadTotalsAsync(CancellationToken.None);

        Assert.Equal(new SensorTotals(6, 18, 0, 0, 0, 0), totals);
    }

    [Fact]
    public async Task ReadCursorsAsync_KnownAndUnknownSensors_ReturnsTheKnownOnesAsStored()
    {
        var store = await OpenAsync();
        await CommitChunksAsync(store, "a", 1, 3);

        var cursors = await store.ReadCursorsAsync(["a", "never-seen", "a"], CancellationToken.None);

        Assert.Equal(new Dictionary<string, SensorCursor> { ["a"] = new(3, 0) }, cursors);
    }

    [Fact]
    public async Task ReadChecksumsAsync_StoredAndMissingSequences_AnswersTheStoredOnesContentChecksums()
    {
        var store = await OpenAsync();
        await CommitChunksAsync(store, "a", 1, 3);

        var checksums = await store.ReadChecksumsAsync("a", [1, 3, 9], CancellationToken.None);

        Assert.Equal(new Dictionary<long, long> { [1] = TestBatches.Regular("a", 1).Checksum, [3] = TestBatches.Regular("a", 3).Checksum }, checksums);
        Assert.Null(await store.ReadChecksumAsync("a", 9, CancellationToken.None));
        Assert.NotEqual(TestBatches.Regular("a", 2, count: 4).Checksum, await ChecksumOf(store, "a", 2));
    }

    [Fact]
    public async Task ReadSettlementsAsync_GapsAndRejectionsInRange_InSequenceOrderUpToTheLimit()
    {
        var store = await OpenAsync();
        var writeSet = new WriteSet();
        writeSet.Gaps.Add(new SequenceGapRecord("a", 2, 4));
        writeSet.Gaps.Add(new SequenceGapRecord("a", 8, 8, SequenceGapRecord.ReportedBySensor));
        writeSet.Rejections.Add(new RejectedBatchRecord("a", 6, 3, "reading 1 is NaN"));
        writeSet.Rejections.Add(new RejectedBatchRecord("a", 5, 2, "empty batch"));
        writeSet.Rejections.Add(new RejectedBatchRecord("a", 9, 2, "out of range"));
        writeSet.Sensor("a", "", default).Cursor = new SensorCursor(9, 0);
        await store.CommitAsync(writeSet, CancellationToken.None);

        var settlements = await store.ReadSettlementsAsync("a", 3, 8, limit: 10, CancellationToken.None);
        var limited = await store.ReadSettlementsAsync("a", 1, 9, limit: 1, CancellationToken.None);

        Assert.Equal([new RejectedBatchRecord("a", 5, 2, "empty batch"), new RejectedBatchRecord("a", 6, 3, "reading 1 is NaN")], settlements.Rejected);
        Assert.Equal([new SequenceGapRecord("a", 2, 4), new SequenceGapRecord("a", 8, 8, SequenceGapRecord.ReportedBySensor)], settlements.Gaps);
        Assert.Equal([5L], limited.Rejected.Select(r => r.Sequence));
        Assert.Equal([2L], limited.Gaps.Select(g => g.FirstSequence));
    }

    [Fact]
    public async Task ReadChunksAsync_ARangeOverManyPages_ReturnsTheOverlappingChunksInTimeOrderDecoded()
    {
        var store = await OpenAsync();
        const int chunks = 150;
        await CommitChunksAsync(store, "a", 1, chunks);
        await CommitChunksAsync(store, "b", 1, 2);
        var first = TestBatches.Regular("a", 10);
        var last = TestBatches.Regular("a", 140);

        var read = await ToListAsync(store.ReadChunksAsync("a", first.MinTimestampMicros, last.MaxTimestampMicros + 1, int.MaxValue, CancellationToken.None));

        Assert.Equal(Enumerable.Range(10, 131).Select(i => (long)i), read.Select(c => c.Sequence));
        Assert.Equal(first.Decode().Values, read[0].Values);
        Assert.Equal(last.Decode().TimestampsMicros, read[^1].TimestampsMicros);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(250)]
    public async Task ReadChunksAsync_PagesBoundedByReadings_StillReturnEveryChunkOnceInOrder(int maxPageReadings)
    {
        var store = await OpenAsync();
        await CommitChunksAsync(store, "a", 1, 20);

        var read = await ToListAsync(store.ReadChunksAsync("a", long.MinValue, long.MaxValue, maxPageReadings, CancellationToken.None));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), read.Select(c => c.Sequence));
    }

    [Fact]
    public async Task ProbeAsync_OnAWritableStore_SucceedsAndLeavesNothingBehind()
    {
        var store = await OpenAsync();

        await store.ProbeAsync(CancellationToken.None);

        Assert.Equal("0", await Engine.ScalarAsync("SELECT count(*) FROM chunks"));
        Assert.Equal("1", await Engine.ScalarAsync("SELECT count(*) FROM schema_info"));
    }

    [Fact]
    public async Task SaveOverrideAsync_ThenLoad_OverridesAndSensorVersionsComeBack()
    {
        var config = Track(Engine.CreateConfigStore());
        await config.LoadAsync(CancellationToken.None);
        var scope = OverrideScope.ForKind("thermometer");
        await config.SaveOverrideAsync(scope, new Dictionary<string, string> { ["batch_size"] = "50", ["sampling_interval"] = "00:00:00.5" },
            [new SensorConfigRecord("a", "thermometer", 2, "hash-2")], CancellationToken.None);
        await config.SaveSensorsAsync([new SensorConfigRecord("b", "barometer", 1, "hash-1")], CancellationToken.None);

        var contents = await Track(Engine.CreateConfigStore()).LoadAsync(CancellationToken.None);

        var stored = Assert.Single(contents.Overrides);
        Assert.Equal(scope, stored.Scope);
        Assert.Equal(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [KeyValuePair.Create("batch_size", "50"), KeyValuePair.Create("sampling_interval", "00:00:00.5")]), stored.Settings);
        Assert.Equal(Time.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal([new SensorConfigRecord("a", "thermometer", 2, "hash-2"), new SensorConfigRecord("b", "barometer", 1, "hash-1")],
            contents.Sensors.OrderBy(s => s.SensorId));
    }

    [Fact]
    public async Task SaveOverrideAsync_NoSettings_RemovesTheScopesOverride_AndANewVersionReplacesTheOld()
    {
        var config = Track(Engine.CreateConfigStore());
        await config.LoadAsync(CancellationToken.None);
        var scope = OverrideScope.ForSensor("a");
        await config.SaveOverrideAsync(scope, new Dictionary<string, string> { ["enabled"] = "false" }, [new SensorConfigRecord("a", "", 2, "off")], CancellationToken.None);

        await config.SaveOverrideAsync(scope, new Dictionary<string, string>(), [new SensorConfigRecord("a", "", 3, "on")], CancellationToken.None);
        var contents = await config.LoadAsync(CancellationToken.None);

        Assert.Empty(contents.Overrides);
        Assert.Equal([new SensorConfigRecord("a", "", 3, "on")], contents.Sensors);
    }

    [Fact]
    public async Task ForgetUnusedSensorsAsync_SensorsThatStoredNothingAndWereNotSeenSince_AreDeletedAndNotLoadedAgain_OthersAreKept()
    {
        var config = Track(Engine.CreateConfigStore());
        await config.LoadAsync(CancellationToken.None);
        var store = await OpenAsync();
        await OpenSessionAsync(store, "idle");
        await OpenSessionAsync(store, "registered-again");
        await CommitChunksAsync(store, "stored", 1, 1);
        await config.SaveSensorsAsync(
            [new SensorConfigRecord("idle", "t", 1, "h"), new SensorConfigRecord("stored", "t", 1, "h"), new SensorConfigRecord("control-only", "t", 1, "h"),
             new SensorConfigRecord("registered-again", "t", 1, "h")],
            CancellationToken.None);
        Time.Advance(TimeSpan.FromHours(2));
        await OpenSessionAsync(store, "greeted-lately");
        await config.SaveSensorsAsync([new SensorConfigRecord("fresh-config", "t", 1, "h"), new SensorConfigRecord("registered-again", "t", 1, "h")], CancellationToken.None);

        var forgotten = await store.ForgetUnusedSensorsAsync(Time.GetUtcNow() - TimeSpan.FromHours(1), 100, CancellationToken.None);

        Assert.Equal(["control-only", "idle"], forgotten.Order(StringComparer.Ordinal));
        await store.DisposeAsync();
        var sensors = await Track(Engine.CreateChunkStore()).OpenAsync(CancellationToken.None);
        Assert.Equal(["greeted-lately", "registered-again", "stored"], sensors.Select(s => s.SensorId).Order(StringComparer.Ordinal));
        var contents = await Track(Engine.CreateConfigStore()).LoadAsync(CancellationToken.None);
        Assert.Equal(["fresh-config", "registered-again", "stored"], contents.Sensors.Select(s => s.SensorId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ForgetUnusedSensorsAsync_TakesAtMostTheLimitOfSensorRowsAtATime_AndTheRestOnTheNextCall()
    {
        var store = await OpenAsync();
        foreach (var sensorId in new[] { "a", "b", "c", "d", "e" })
        {
            await OpenSessionAsync(store, sensorId);
        }

        Time.Advance(TimeSpan.FromHours(2));
        var horizon = Time.GetUtcNow() - TimeSpan.FromHours(1);

        var first = await store.ForgetUnusedSensorsAsync(horizon, 2, CancellationToken.None);
        var rest = await store.ForgetUnusedSensorsAsync(horizon, 10, CancellationToken.None);

        Assert.Equal(2, first.Count);
        Assert.Equal(["a", "b", "c", "d", "e"], first.Concat(rest).Order(StringComparer.Ordinal));
        Assert.Empty(await store.ForgetUnusedSensorsAsync(horizon, 10, CancellationToken.None));
    }

    /// <summary>Opens a session of <paramref name="sensorId"/> storing nothing, as a greeting does.</summary>
    private static async Task OpenSessionAsync(IChunkStore store, string sensorId)
    {
        var stored = (await store.ReadCursorsAsync([sensorId], CancellationToken.None)).GetValueOrDefault(sensorId);
        var writeSet = new WriteSet();
        var write = writeSet.Sensor(sensorId, "t", stored);
        write.Cursor = stored with { Session = stored.Session + 1 };
        Assert.Empty(await store.CommitAsync(writeSet, CancellationToken.None));
    }

    private async Task<IChunkStore> OpenAsync()
    {
        var store = Track(Engine.CreateChunkStore());
        await store.OpenAsync(CancellationToken.None);
        return store;
    }

    private T Track<T>(T store)
        where T : IAsyncDisposable
    {
        _stores.Add(store);
        return store;
    }

    /// <summary>Commits sequences <paramref name="from"/>..<paramref name="to"/> of <paramref name="sensorId"/>, as the commit pipeline would.</summary>
    private static async Task CommitChunksAsync(IChunkStore store, string sensorId, long from, long to)
    {
        var stored = (await store.ReadCursorsAsync([sensorId], CancellationToken.None)).GetValueOrDefault(sensorId);
        var writeSet = new WriteSet();
        for (var sequence = from; sequence <= to; sequence++)
        {
            writeSet.Chunks.Add(TestBatches.Regular(sensorId, sequence));
        }

        var write = writeSet.Sensor(sensorId, "", stored);
        (write.Cursor, write.Added) = (stored with { Settled = to }, new SensorTotals(to - from + 1, (to - from + 1) * 3, 0, 0, 0, 0));
        Assert.Empty(await store.CommitAsync(writeSet, CancellationToken.None));
    }

    private static Task<long?> ChecksumOf(IChunkStore store, string sensorId, long sequence) =>
        store.ReadChecksumAsync(sensorId, sequence, CancellationToken.None);

    private static async Task<List<StoredChunk>> ToListAsync(IAsyncEnumerable<StoredChunk> chunks)
    {
        var list = new List<StoredChunk>();
        await foreach (var chunk in chunks)
        {
            list.Add(chunk);
        }

        return list;
    }
}
