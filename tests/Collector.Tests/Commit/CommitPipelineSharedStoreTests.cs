using System.Diagnostics.Metrics;
using Ingest.Collector.Commit;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;
using Ingest.Collector.Health;
using Ingest.Collector.Model;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Commit;

/// <summary>
/// The commit pipeline beside another collector sharing its store (played by <see cref="ScriptedChunkStore.MoveOn"/>):
/// what the store holds decides, and the pipeline's ledger is only a cache.
/// </summary>
public sealed class CommitPipelineSharedStoreTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SequenceLedger _ledger = new();
    private readonly CommittedBatchFeed _feed = new();
    private readonly List<IAsyncDisposable> _disposables = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            await _disposables[i].DisposeAsync();
        }
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task EnqueueAsync_SequencesStoredByAnotherCollector_AreNotRecordedAsAGap()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        store.MoveOn("a", new SensorCursor(3, 0), TestBatches.Regular("a", 1), TestBatches.Regular("a", 2), TestBatches.Regular("a", 3));

        var outcome = await CommitAsync(pipeline, Store("a", 4));

        Assert.Equal(CommitOutcomeKind.Committed, outcome.Kind);
        Assert.Null(outcome.Gap);
        Assert.Empty(store.Commits.SelectMany(c => c.Gaps));
        Assert.Equal(new SensorCursor(4, 0), _ledger.Cursor("a"));
        Assert.Equal([1L, 2, 3, 4], store.Commits.SelectMany(c => c.Chunks).Select(c => c.Sequence).Order());
    }

    [Fact]
    public async Task EnqueueAsync_ResendOfABatchAnotherCollectorStored_IsAcknowledgedAsADuplicateAndStoredOnce()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        store.MoveOn("a", new SensorCursor(2, 0), TestBatches.Regular("a", 1), TestBatches.Regular("a", 2));

        var outcome = await CommitAsync(pipeline, Store("a", 2));

        Assert.Equal(CommitOutcomeKind.Duplicate, outcome.Kind);
        Assert.Single(store.Commits.SelectMany(c => c.Chunks), c => c.Sequence == 2);
    }

    [Fact]
    public async Task EnqueueAsync_OtherReadingsUnderASequenceAnotherCollectorStored_AreRefusedNotStored()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);
        store.MoveOn("a", new SensorCursor(1, 0), TestBatches.Regular("a", 1, count: 3));

        var outcome = await CommitAsync(pipeline, Store("a", 1, readings: 4));

        Assert.Equal(CommitOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(RejectionKind.ContentConflict, outcome.Rejection);
        Assert.Single(store.Commits.SelectMany(c => c.Chunks));
    }

    [Fact]
    public async Task EnqueueAsync_BatchOfASessionAnotherCollectorSuperseded_IsFenced()
    {
        var store = new ScriptedChunkStore(new SensorRecord("a", "", 0, Session: 1));
        var pipeline = await StartAsync(store);

        // The sensor greeted another collector since: its session there is 2.
        store.MoveOn("a", new SensorCursor(0, 2));

        var outcome = await CommitAsync(pipeline, Store("a", 1, session: 1));

        Assert.Equal(CommitOutcomeKind.Fenced, outcome.Kind);
        Assert.Empty(store.Commits.SelectMany(c => c.Chunks));
        Assert.Equal(new SensorCursor(0, 2), _ledger.Cursor("a"));
    }

    [Fact]
    public async Task EnqueueAsync_BatchOfASessionOpenedOnAnotherCollector_IsStoredNotFenced()
    {
        var store = new ScriptedChunkStore(new SensorRecord("a", "", 5, Session: 1));
        var pipeline = await StartAsync(store);
        store.MoveOn("a", new SensorCursor(5, 2));

        var outcome = await CommitAsync(pipeline, Store("a", 6, session: 2));

        Assert.Equal(CommitOutcomeKind.Committed, outcome.Kind);
        Assert.Equal(new SensorCursor(6, 2), _ledger.Cursor("a"));
    }

    [Fact]
    public async Task OpenSessionAsync_SensorGreetedOnAnotherCollector_OpensTheSessionAfterTheStoredOne()
    {
        var store = new ScriptedChunkStore(new SensorRecord("a", "", 3, Session: 1));
        var pipeline = await StartAsync(store);
        store.MoveOn("a", new SensorCursor(7, 4));

        var cursor = await pipeline.OpenSessionAsync("a", new SessionOpening("", LostThrough: 0), CancellationToken.None)
            .WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(new SensorCursor(7, 5), cursor);
    }

    [Fact]
    public async Task EnqueueAsync_OneSensorMovedOnInAGroup_TheOthersAreCommittedInTheFirstTransaction()
    {
        var store = new ScriptedChunkStore();
        var pipeline = await StartAsync(store);

        // Hold a first commit at the gate, so that the next two requests are decided together in one group.
        store.CloseGate();
        var first = await EnqueueAsync(pipeline, Store("c", 1));
        await store.CommitStarted.WaitAsync(Eventually.DefaultTimeout);
        var a = await EnqueueAsync(pipeline, Store("a", 2));
        var b = await EnqueueAsync(pipeline, Store("b", 1));
        store.MoveOn("a", new SensorCursor(1, 0), TestBatches.Regular("a", 1));
        store.OpenGate();

        var outcomes = await Task.WhenAll(first.Completion, a.Completion, b.Completion).WaitAsync(Eventually.DefaultTimeout);

        Assert.All(outcomes, o => Assert.Equal(CommitOutcomeKind.Committed, o.Kind));
        Assert.All(outcomes, o => Assert.Null(o.Gap));
        var group = Assert.Single(store.Commits, c => c.Chunks.Any(chunk => chunk.SensorId == "b"));
        Assert.DoesNotContain(group.Chunks, chunk => chunk.SensorId == "a" && chunk.Sequence == 2);
        Assert.Single(store.Commits.SelectMany(c => c.Chunks), chunk => chunk.SensorId == "a" && chunk.Sequence == 2);
    }

    private CommitRequest Store(string sensorId, long sequence, int readings = 3, long session = 0) =>
        CommitRequest.Store(TestBatches.Regular(sensorId, sequence, readings), _time.GetTimestamp(), session: session);

    private static async Task<CommitRequest> EnqueueAsync(CommitPipeline pipeline, CommitRequest request)
    {
        await pipeline.EnqueueAsync(request, CancellationToken.None);
        return request;
    }

    private static async Task<CommitOutcome> CommitAsync(CommitPipeline pipeline, CommitRequest request)
    {
        await pipeline.EnqueueAsync(request, CancellationToken.None);
        return await request.Completion.WaitAsync(Eventually.DefaultTimeout);
    }

    private async Task<CommitPipeline> StartAsync(IChunkStore store)
    {
        _disposables.Add(store);
        var metrics = new IngestMetrics(_services.GetRequiredService<IMeterFactory>());
        var pipeline = new CommitPipeline(
            store, _ledger, new SensorDirectory(), _feed, new StorageHealth(_time), metrics, _time,
            Options.Create(new StorageOptions()), NullLogger<CommitPipeline>.Instance);
        _disposables.Add(pipeline);
        await pipeline.StartAsync(CancellationToken.None);
        return pipeline;
    }
}
