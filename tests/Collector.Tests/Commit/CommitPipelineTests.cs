using System.Diagnostics.Metrics;
using Ingest.Collector.Commit;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;
using Ingest.Collector.Health;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Commit;

public sealed class CommitPipelineTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SequenceLedger _ledger = new();
    private readonly SensorDirectory _sensors = new();
    private readonly CommittedBatchFeed _feed = new();
    private readonly StorageHealth _health;
    private readonly List<IAsyncDisposable> _disposables = [];
    private IngestMetrics _metrics = null!;

    public CommitPipelineTests() => _health = new StorageHealth(_time);

    private string DatabasePath => _directory.File("ingest.db");

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the pipelines and closes the stores; xunit calls this before <see cref="Dispose"/>.</summary>
    public async Task DisposeAsync()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            await _disposables[i].DisposeAsync();
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task StartAsync_StoredSensors_LoadsLedgerAndKindsAndOpensHealth()
    {
        var store = new ScriptedChunkStore(new SensorRecord("a", "thermometer", 5), new SensorRecord("b", "", 2));

        await StartAsync(store);

        Assert.Equal(5, _ledger.Get("a"));
        Assert.Equal(2, _ledger.Get("b"));
        Assert.Equal("thermometer", _sensors.KindOf("a"));
        Assert.True(_health.IsOpen);
        Assert.True(_health.IsHealthy);
    }

    [Fact]
    public async Task EnqueueAsync_NewBatches_CompleteCommittedWithTheirReadingCounts()
    {
        var pipeline = await StartSqliteAsync();

        var outcomes = await CommitAllAsync(pipeline, Store("a", 1, readings: 3), Store("a", 2, readings: 5));

        Assert.Equal(
            [new CommitOutcome(CommitOutcomeKind.Committed, 3, null, null), new CommitOutcome(CommitOutcomeKind.Committed, 5, null, null)],
            outcomes);
        Assert.Equal(2, _ledger.Get("a"));
        Assert.Equal(2L, Scalar("SELECT count(*) FROM chunks WHERE sensor_id = 'a'"));
        Assert.Equal(2L, Scalar("SELECT settled_sequence FROM sensors WHERE sensor_id = 'a'"));
        var totals = _metrics.Snapshot();
        Assert.Equal((2L, 8L), (totals.BatchesCommitted, totals.ReadingsCommitted));
    }

    [Fact]
    public async Task EnqueueAsync_ResendOfTheStoredReadings_CompletesDuplicateAndStoresNothing()
    {
        var pipeline = await StartSqliteAsync();
        await CommitAllAsync(pipeline, Store("a", 1, readings: 6), Store("a", 2, readings: 4));

        var outcomes = await CommitAllAsync(pipeline, Store("a", 2, readings: 4), Store("a", 1, readings: 6));

        Assert.Equal(
            [new CommitOutcome(CommitOutcomeKind.Duplicate, 4, null, null), new CommitOutcome(CommitOutcomeKind.Duplicate, 6, null, null)],
            outcomes);
        Assert.Equal(2L, Scalar("SELECT count(*) FROM chunks"));
        Assert.Equal(2, _ledger.Get("a"));
        Assert.Equal(2L, _metrics.Snapshot().DuplicateBatches);
        Assert.Equal(2L, Scalar("SELECT duplicate_batches FROM sensors WHERE sensor_id = 'a'"));
    }

    [Fact]
    public async Task EnqueueAsync_ResendWithOtherReadings_IsRefusedAsAContentConflict_AndTheStoredReadingsStay()
    {
        var pipeline = await StartSqliteAsync();
        await CommitAllAsync(pipeline, Store("a", 1, readings: 6));
        var stored = Scalar("SELECT readings FROM chunks WHERE sequence = 1");

        var outcome = (await CommitAllAsync(pipeline, Store("a", 1, readings: 5)))[0];

        Assert.Equal(CommitOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(RejectionKind.ContentConflict, outcome.Rejection);
        Assert.Contains("already stored with other readings", outcome.RejectionReason, StringComparison.Ordinal);
        Assert.Equal(stored, Scalar("SELECT readings FROM chunks WHERE sequence = 1"));
        Assert.Equal(0L, _metrics.Snapshot().DuplicateBatches);
        Assert.Equal(1L, _metrics.Snapshot().RejectedBatches);
    }

    [Fact]
    public async Task EnqueueAsync_ResendWithOtherReadingsInTheSameGroup_IsRefusedAgainstTheChunkThatGroupStores()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        store.CloseGate();
        var blocker = await EnqueueAsync(pipeline, Store("b", 1));
        await store.CommitStarted.WaitAsync(Eventually.DefaultTimeout);
        var first = await EnqueueAsync(pipeline, Store("a", 1, readings: 6));
        var conflicting = await EnqueueAsync(pipeline, Store("a", 1, readings: 5));
        var same = await EnqueueAsync(pipeline, Store("a", 1, readings: 6));
        store.OpenGate();

        await Task.WhenAll(blocker.Completion, first.Completion, conflicting.Completion, same.Completion).WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(CommitOutcomeKind.Committed, (await first.Completion).Kind);
        Assert.Equal(RejectionKind.ContentConflict, (await conflicting.Completion).Rejection);
        Assert.Equal(CommitOutcomeKind.Duplicate, (await same.Completion).Kind);
    }

    [Fact]
    public async Task EnqueueAsync_ResendOfASequenceSettledAsRejected_IsRefusedAsAlreadySettled()
    {
        var pipeline = await StartSqliteAsync();
        await CommitAllAsync(pipeline, CommitRequest.Reject("a", 1, 3, "bad readings", _time.GetTimestamp()));

        var outcome = (await CommitAllAsync(pipeline, Store("a", 1)))[0];

        Assert.Equal(CommitOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(RejectionKind.AlreadySettled, outcome.Rejection);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM chunks"));
    }

    [Fact]
    public async Task OpenSessionAsync_AnswersOnlyAfterEverythingQueuedBeforeIt_WithTheExactResumePoint()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        store.CloseGate();
        var blocker = await EnqueueAsync(pipeline, Store("b", 1));
        await store.CommitStarted.WaitAsync(Eventually.DefaultTimeout);
        var queued = new[] { await EnqueueAsync(pipeline, Store("a", 1)), await EnqueueAsync(pipeline, Store("a", 2)) };

        var opening = pipeline.OpenSessionAsync("a", new SessionOpening("thermo", 0), CancellationToken.None);
        Assert.False(opening.IsCompleted);
        store.OpenGate();
        var cursor = await opening.WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(new SensorCursor(2, 1), cursor);
        Assert.All(queued, request => Assert.True(request.Completion.IsCompletedSuccessfully));
        Assert.Equal(CommitOutcomeKind.Committed, (await blocker.Completion).Kind);
    }

    [Fact]
    public async Task EnqueueAsync_BatchOfTheSessionBeforeTheGreeting_IsFencedAndNeitherStoredNorSettled()
    {
        var pipeline = await StartSqliteAsync();
        var first = await pipeline.OpenSessionAsync("a", new SessionOpening("thermo", 0), CancellationToken.None);
        await CommitAllAsync(pipeline, Store("a", 1, session: first.Session));
        var second = await pipeline.OpenSessionAsync("a", new SessionOpening("thermo", 0), CancellationToken.None);

        var outcomes = await CommitAllAsync(pipeline, Store("a", 2, session: first.Session), Store("a", 2, readings: 5, session: second.Session));

        Assert.Equal(CommitOutcomeKind.Fenced, outcomes[0].Kind);
        Assert.Contains($"session {first.Session}", outcomes[0].RejectionReason, StringComparison.Ordinal);
        Assert.Equal(CommitOutcomeKind.Committed, outcomes[1].Kind);
        Assert.Equal(5L, Scalar("SELECT reading_count FROM chunks WHERE sequence = 2"));
        Assert.Equal(second.Session, Scalar("SELECT session FROM sensors WHERE sensor_id = 'a'"));
    }

    [Fact]
    public async Task EnqueueAsync_SessionNeverOpened_IsFenced()
    {
        var pipeline = await StartSqliteAsync();
        var opened = await pipeline.OpenSessionAsync("a", new SessionOpening("thermo", 0), CancellationToken.None);

        var outcome = (await CommitAllAsync(pipeline, Store("a", 1, session: opened.Session + 1)))[0];

        Assert.Equal(CommitOutcomeKind.Fenced, outcome.Kind);
        Assert.Contains("never opened", outcome.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSessionAsync_LostThroughAboveSettled_RecordsAGapWithTheSensorsReasonAndResumesAfterIt()
    {
        var pipeline = await StartSqliteAsync();
        await CommitAllAsync(pipeline, Store("a", 1), Store("a", 2));

        var cursor = await pipeline.OpenSessionAsync("a", new SessionOpening("thermo", 5), CancellationToken.None);

        Assert.Equal(new SensorCursor(5, 1), cursor);
        Assert.Equal(SequenceGapRecord.ReportedBySensor, Scalar("SELECT reason FROM gaps WHERE sensor_id = 'a' AND first_sequence = 3 AND last_sequence = 5"));
        Assert.Equal(3L, _metrics.Snapshot().LostBatches);
    }

    [Fact]
    public async Task StartAsync_StoredTotals_AreTheRunningTotalsAfterARestart()
    {
        var pipeline = await StartSqliteAsync();
        await CommitAllAsync(pipeline, Store("a", 1, readings: 4), Store("a", 4, readings: 2), Store("b", 1));
        await CommitAllAsync(pipeline, Store("a", 1, readings: 4), CommitRequest.Reject("b", 2, 7, "bad readings", _time.GetTimestamp()));
        await pipeline.StopAsync(CancellationToken.None);
        await DisposeAsync();
        _disposables.Clear();

        await StartAsync(new SqliteChunkStore(Options.Create(new StorageOptions { Path = DatabasePath }), _time));

        var totals = _metrics.Snapshot();
        Assert.Equal((3L, 9L, 1L, 1L, 2L), (totals.BatchesCommitted, totals.ReadingsCommitted, totals.DuplicateBatches, totals.RejectedBatches, totals.LostBatches));
    }

    [Fact]
    public async Task EnqueueAsync_SameSequenceTwiceInOneGroup_StoresItOnce()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        store.CloseGate();
        var first = await EnqueueAsync(pipeline, Store("a", 1));
        await store.CommitStarted.WaitAsync(Eventually.DefaultTimeout);

        var second = await EnqueueAsync(pipeline, Store("a", 2));
        var again = await EnqueueAsync(pipeline, Store("a", 2));
        store.OpenGate();

        Assert.Equal(CommitOutcomeKind.Committed, (await second.Completion.WaitAsync(Eventually.DefaultTimeout)).Kind);
        Assert.Equal(CommitOutcomeKind.Duplicate, (await again.Completion.WaitAsync(Eventually.DefaultTimeout)).Kind);
        Assert.Equal(CommitOutcomeKind.Committed, (await first.Completion.WaitAsync(Eventually.DefaultTimeout)).Kind);
        Assert.Equal([1L, 2L], store.Commits.SelectMany(c => c.Chunks).Select(c => c.Sequence));
    }

    [Fact]
    public async Task EnqueueAsync_SequenceJump_RecordsTheGapAndAdvancesTheLedger()
    {
        var pipeline = await StartSqliteAsync();
        await CommitAllAsync(pipeline, Store("a", 1));

        var outcome = (await CommitAllAsync(pipeline, Store("a", 5)))[0];

        Assert.Equal(CommitOutcomeKind.Committed, outcome.Kind);
        Assert.Equal(new SequenceGapRecord("a", 2, 4), outcome.Gap);
        Assert.Equal(5, _ledger.Get("a"));
        Assert.Equal(2L, Scalar("SELECT first_sequence FROM gaps WHERE sensor_id = 'a'"));
        Assert.Equal(4L, Scalar("SELECT last_sequence FROM gaps WHERE sensor_id = 'a'"));
        Assert.Equal(3L, _metrics.Snapshot().LostBatches);
    }

    [Fact]
    public async Task EnqueueAsync_Reject_SettlesTheSequenceAndStoresTheReason()
    {
        var pipeline = await StartSqliteAsync();

        var outcome = (await CommitAllAsync(pipeline, CommitRequest.Reject("a", 1, 7, "reading 3 is NaN", _time.GetTimestamp())))[0];

        Assert.Equal(new CommitOutcome(CommitOutcomeKind.Rejected, 7, null, "reading 3 is NaN"), outcome);
        Assert.Equal(1, _ledger.Get("a"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM rejects WHERE sensor_id = 'a' AND sequence = 1 AND reading_count = 7 AND reason = 'reading 3 is NaN'"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM chunks"));
        Assert.Equal(1L, Scalar("SELECT settled_sequence FROM sensors WHERE sensor_id = 'a'"));
        Assert.Equal(1L, _metrics.Snapshot().RejectedBatches);
    }

    [Fact]
    public async Task EnqueueAsync_ResentReject_CompletesRejectedWithoutASecondRow()
    {
        var pipeline = await StartSqliteAsync();
        await CommitAllAsync(pipeline, CommitRequest.Reject("a", 1, 7, "reading 3 is NaN", _time.GetTimestamp()));

        var outcome = (await CommitAllAsync(pipeline, CommitRequest.Reject("a", 1, 7, "reading 3 is NaN", _time.GetTimestamp())))[0];

        Assert.Equal(CommitOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal("reading 3 is NaN", outcome.RejectionReason);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM rejects"));
    }

    [Fact]
    public async Task EnqueueAsync_RejectAfterAJump_RecordsTheGap()
    {
        var pipeline = await StartSqliteAsync();

        var outcome = (await CommitAllAsync(pipeline, CommitRequest.Reject("a", 3, 1, "bad", _time.GetTimestamp())))[0];

        Assert.Equal(CommitOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(new SequenceGapRecord("a", 1, 2), outcome.Gap);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM gaps"));
    }

    [Fact]
    public async Task EnqueueAsync_KnownKind_IsStoredWithTheSensor()
    {
        _sensors.Register("a", "thermometer");
        var pipeline = await StartSqliteAsync();

        await CommitAllAsync(pipeline, Store("a", 1));

        Assert.Equal("thermometer", Scalar("SELECT kind FROM sensors WHERE sensor_id = 'a'"));
    }

    [Fact]
    public async Task Feed_ReceivesCommittedBatchesButNotDuplicatesOrRejects()
    {
        var pipeline = await StartSqliteAsync();
        using var subscription = _feed.Subscribe(16);

        await CommitAllAsync(
            pipeline,
            Store("a", 1),
            Store("a", 1),
            CommitRequest.Reject("a", 2, 3, "bad", _time.GetTimestamp()),
            Store("a", 3));

        var first = await subscription.Reader.ReadAsync().AsTask().WaitAsync(Eventually.DefaultTimeout);
        var second = await subscription.Reader.ReadAsync().AsTask().WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(("a", 1L), (first.SensorId, first.Sequence));
        Assert.Equal(("a", 3L), (second.SensorId, second.Sequence));
        Assert.False(subscription.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Feed_RejectedBatchesOfEveryKind_AreTalliedPerSensorWithTheLatestReason()
    {
        var pipeline = await StartSqliteAsync();
        using var subscription = _feed.Subscribe(16);

        await CommitAllAsync(
            pipeline,
            CommitRequest.Reject("a", 1, 3, "reading 0 is NaN", _time.GetTimestamp()),
            Store("b", 1),
            Store("a", 2, readings: 4),
            Store("a", 2, readings: 5));

        var tally = Assert.Single(subscription.TakeRejected());
        Assert.Equal(("a", 2L), (tally.SensorId, tally.Batches));
        Assert.Contains("already stored with other readings", tally.LatestReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_StoreFails_FailsEveryRequestAndKeepsTheLedger()
    {
        var store = new ScriptedChunkStore { Failure = new IOException("disk full") };
        var pipeline = await StartAsync(store);
        using var subscription = _feed.Subscribe(16);

        var requests = new[] { Store("a", 1), Store("a", 2), CommitRequest.Reject("b", 1, 1, "bad", _time.GetTimestamp()) };
        foreach (var request in requests)
        {
            await pipeline.EnqueueAsync(request, CancellationToken.None);
        }

        foreach (var request in requests)
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => request.Completion.WaitAsync(Eventually.DefaultTimeout));
            Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
            Assert.IsType<IOException>(error.InnerException);
        }

        Assert.False(_health.IsHealthy);
        Assert.IsType<IOException>(_health.Failure);
        Assert.Equal(0, _ledger.Get("a"));
        Assert.Equal(0, _ledger.Get("b"));
        Assert.Empty(store.Commits);
        Assert.False(subscription.Reader.TryRead(out _));
        Assert.InRange(_metrics.Snapshot().CommitFailures, 1, 3);
    }

    [Fact]
    public async Task EnqueueAsync_StoreRecovers_NextBatchCommitsAndHealthRecovers()
    {
        var store = new ScriptedChunkStore { Failure = new IOException("disk full") };
        var pipeline = await StartAsync(store);
        var failed = await EnqueueAsync(pipeline, Store("a", 1));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => failed.Completion.WaitAsync(Eventually.DefaultTimeout));

        store.Failure = null;
        var outcome = (await CommitAllAsync(pipeline, Store("a", 1)))[0];

        Assert.Equal(CommitOutcomeKind.Committed, outcome.Kind);
        Assert.Null(outcome.Gap);
        Assert.True(_health.IsHealthy);
        Assert.Equal(1, _ledger.Get("a"));
        Assert.Equal([1L], store.Commits.SelectMany(c => c.Chunks).Select(c => c.Sequence));
    }

    [Fact]
    public async Task EnqueueAsync_BatchQueuedBehindAFailedOneOfItsStream_FailsInsteadOfCommittingBehindAHole()
    {
        var store = new ScriptedChunkStore { Failure = new IOException("disk full") };
        var pipeline = await StartAsync(store);
        var stream = new CommitStream();
        var failed = await EnqueueAsync(pipeline, CommitRequest.Store(TestBatches.Regular("a", 1), _time.GetTimestamp(), stream));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => failed.Completion.WaitAsync(Eventually.DefaultTimeout));
        store.Failure = null;

        var behind = await EnqueueAsync(pipeline, CommitRequest.Store(TestBatches.Regular("a", 2), _time.GetTimestamp(), stream));
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => behind.Completion.WaitAsync(Eventually.DefaultTimeout));

        Assert.Contains("an earlier batch of this stream failed to commit", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _ledger.Get("a"));
        Assert.Empty(store.Commits);

        // The sensor's next stream resends from the committed sequence: nothing is settled as lost.
        var resent = await CommitAllAsync(pipeline, CommitRequest.Store(TestBatches.Regular("a", 1), _time.GetTimestamp(), new CommitStream()), CommitRequest.Store(TestBatches.Regular("a", 2), _time.GetTimestamp(), new CommitStream()));
        Assert.All(resent, outcome => Assert.Equal(CommitOutcomeKind.Committed, outcome.Kind));
        Assert.All(resent, outcome => Assert.Null(outcome.Gap));
        Assert.Equal(2, _ledger.Get("a"));
    }

    [Fact]
    public async Task EnqueueAsync_DuplicateWhileStorageFails_IsNotAcknowledged_AndHealthStaysFailed()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        await CommitAllAsync(pipeline, Store("a", 1));
        store.Failure = new IOException("disk full");
        var failed = await EnqueueAsync(pipeline, Store("a", 2));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => failed.Completion.WaitAsync(Eventually.DefaultTimeout));

        // A duplicate counts in the sensor's stored totals, so it too waits for storage.
        var duplicate = await EnqueueAsync(pipeline, Store("a", 1));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => duplicate.Completion.WaitAsync(Eventually.DefaultTimeout));
        Assert.False(_health.IsHealthy);
        Assert.IsType<IOException>(_health.Failure);
    }

    [Fact]
    public async Task EnqueueAsync_StoreFindsTheFileDamaged_FailsAsDamagedNotUnavailable_AndHealthSaysDamaged()
    {
        var store = new ScriptedChunkStore { Failure = new SqliteException("SQLite Error 11: 'database disk image is malformed'.", 11) };
        var pipeline = await StartAsync(store);

        var request = await EnqueueAsync(pipeline, Store("a", 1));

        var error = await Assert.ThrowsAsync<StorageDamagedException>(() => request.Completion.WaitAsync(Eventually.DefaultTimeout));
        Assert.Contains("database disk image is malformed", error.Message, StringComparison.Ordinal);
        Assert.False(_health.IsHealthy);
        Assert.True(_health.IsDamaged);
        Assert.Equal(0, _ledger.Get("a"));
    }

    [Fact]
    public async Task StopAsync_QueuedRequests_AreAllCommittedBeforeItReturns()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        store.CloseGate();
        var requests = new List<CommitRequest> { await EnqueueAsync(pipeline, Store("a", 1)) };
        await store.CommitStarted.WaitAsync(Eventually.DefaultTimeout);
        for (var sequence = 2; sequence <= 5; sequence++)
        {
            requests.Add(await EnqueueAsync(pipeline, Store("a", sequence)));
        }

        var stop = pipeline.StopAsync(CancellationToken.None);
        store.OpenGate();
        await stop.WaitAsync(Eventually.DefaultTimeout);

        Assert.All(requests, r => Assert.True(r.Completion.IsCompletedSuccessfully));
        Assert.All(requests, r => Assert.Equal(CommitOutcomeKind.Committed, r.Completion.Result.Kind));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], store.Commits.SelectMany(c => c.Chunks).Select(c => c.Sequence));
        Assert.Equal(5, _ledger.Get("a"));
    }

    [Fact]
    public async Task EnqueueAsync_AfterStop_ThrowsStorageUnavailable()
    {
        var pipeline = await StartAsync(new ScriptedChunkStore());
        await pipeline.StopAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => pipeline.EnqueueAsync(Store("a", 1), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task StopAsync_TimedOut_FailsWhatIsStillQueued()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        store.CloseGate();
        var inCommit = await EnqueueAsync(pipeline, Store("a", 1));
        await store.CommitStarted.WaitAsync(Eventually.DefaultTimeout);
        var queued = await EnqueueAsync(pipeline, Store("a", 2));

        await pipeline.StopAsync(new CancellationToken(canceled: true)).WaitAsync(Eventually.DefaultTimeout);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => inCommit.Completion.WaitAsync(Eventually.DefaultTimeout));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => queued.Completion.WaitAsync(Eventually.DefaultTimeout));
        Assert.Equal(0, _ledger.Get("a"));
        Assert.Empty(store.Commits);
    }

    private CommitRequest Store(string sensorId, long sequence, int readings = 3, long session = 0) =>
        CommitRequest.Store(TestBatches.Regular(sensorId, sequence, readings), _time.GetTimestamp(), session: session);

    private static async Task<CommitRequest> EnqueueAsync(CommitPipeline pipeline, CommitRequest request)
    {
        await pipeline.EnqueueAsync(request, CancellationToken.None);
        return request;
    }

    private static async Task<CommitOutcome[]> CommitAllAsync(CommitPipeline pipeline, params CommitRequest[] requests)
    {
        foreach (var request in requests)
        {
            await pipeline.EnqueueAsync(request, CancellationToken.None);
        }

        return await Task.WhenAll(requests.Select(r => r.Completion)).WaitAsync(Eventually.DefaultTimeout);
    }

    private Task<CommitPipeline> StartSqliteAsync() =>
        StartAsync(new SqliteChunkStore(Options.Create(new StorageOptions { Path = DatabasePath }), _time));

    private async Task<CommitPipeline> StartAsync(IChunkStore store)
    {
        _disposables.Add(store);
        _metrics = new IngestMetrics(_services.GetRequiredService<IMeterFactory>());
        var pipeline = new CommitPipeline(
            store, _ledger, _sensors, _feed, _health, _metrics, _time,
            Options.Create(new StorageOptions { Path = DatabasePath }), NullLogger<CommitPipeline>.Instance);
        _disposables.Add(pipeline);
        await pipeline.StartAsync(CancellationToken.None);
        return pipeline;
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
