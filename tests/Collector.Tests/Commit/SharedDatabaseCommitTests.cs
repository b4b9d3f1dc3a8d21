using System.Diagnostics.Metrics;
using Ingest.Collector.Commit;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;
using Ingest.Collector.Health;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Postgres;
using Ingest.Collector.Tests.Storage.Postgres;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Commit;

/// <summary>
/// Two collectors' commit pipelines — each with its own ledger, its own connection pool — on one real PostgreSQL
/// database, receiving the same sensors at once: what the database decides holds, whatever each collector's cache says.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedDatabaseCommitTests(PostgresServer server) : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<IAsyncDisposable> _disposables = [];
    private string _database = "";
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _database = "split_" + Guid.NewGuid().ToString("N")[..12];
        _connectionString = await server.CreateDatabaseAsync(_database);
    }

    public async Task DisposeAsync()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            await _disposables[i].DisposeAsync();
        }
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task SplitStreams_SameSensorsSentToTwoCollectorsAtOnce_EachSequenceIsStoredOnceCommittedByOneAndAcknowledgedOnlyAsStored()
    {
        const int sensors = 8;
        const int sequences = 150;
        var a = await StartAsync();
        var b = await StartAsync();

        // Each collector gets every batch of every sensor, in order, as a stream split across two connections would; which
        // of the two gets a batch first changes from sequence to sequence, and both writers run at once.
        List<CommitRequest>[] sent = [new(sensors * sequences), new(sensors * sequences)];
        CommitPipeline[] pipelines = [a, b];
        for (var sequence = 1; sequence <= sequences; sequence++)
        {
            for (var sensor = 0; sensor < sensors; sensor++)
            {
                var first = (sequence + sensor) % 2;
                foreach (var side in new[] { first, 1 - first })
                {
                    var request = CommitRequest.Store(TestBatches.Regular($"split-{sensor}", sequence), _time.GetTimestamp());
                    await pipelines[side].EnqueueAsync(request, CancellationToken.None);
                    sent[side].Add(request);
                }
            }
        }

        await Task.WhenAll(sent.SelectMany(requests => requests).Select(r => r.Completion)).WaitAsync(TimeSpan.FromMinutes(2));

        var outcomes = sent.SelectMany(requests => requests.Select(r => (r.SensorId, r.Sequence, r.Completion.Result.Kind))).ToList();
        Assert.All(outcomes, o => Assert.Contains(o.Kind, new[] { CommitOutcomeKind.Committed, CommitOutcomeKind.Duplicate }));
        var committedBy = outcomes.Where(o => o.Kind == CommitOutcomeKind.Committed).GroupBy(o => (o.SensorId, o.Sequence)).ToList();
        Assert.Equal(sensors * sequences, committedBy.Count);
        Assert.All(committedBy, group => Assert.Single(group));

        Assert.Equal((sensors * sequences).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await server.PsqlAsync("SELECT count(DISTINCT (sensor_id, sequence)) FROM chunks", _database));
        Assert.Equal((sensors * sequences).ToString(System.Globalization.CultureInfo.InvariantCulture), await server.PsqlAsync("SELECT count(*) FROM chunks", _database));
        Assert.Equal("0", await server.PsqlAsync("SELECT count(*) FROM gaps", _database));
        Assert.Equal($"{sensors}|{sequences}|{sequences}",
            await server.PsqlAsync("SELECT count(*) || '|' || min(settled_sequence) || '|' || max(settled_sequence) FROM sensors", _database));

        // Every acknowledged batch — committed here or confirmed as a duplicate — is stored with its very readings.
        var checksums = await server.PsqlAsync("SELECT string_agg(sensor_id || ':' || sequence || ':' || checksum, ',') FROM chunks", _database);
        var stored = checksums.Split(',').Select(row => row.Split(':')).ToDictionary(row => (row[0], long.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture)), row => long.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(sent.SelectMany(requests => requests), r => Assert.Equal(r.Batch!.Checksum, stored[(r.SensorId, r.Sequence)]));
    }

    [Fact]
    public async Task Failover_TheSensorGreetsTheSecondCollectorWhileTheFirstStillDrains_TheFirstsLaterBatchesAreFencedByTheDatabase()
    {
        var first = await StartAsync();
        var second = await StartAsync();
        var session1 = await first.OpenSessionAsync("moving", new SessionOpening("thermometer", 0), CancellationToken.None);
        Assert.Equal(CommitOutcomeKind.Committed, (await CommitAsync(first, "moving", 1, session1.Session)).Kind);

        // The sensor fails over: it greets the second collector, which opens the next session in the database.
        var session2 = await second.OpenSessionAsync("moving", new SessionOpening("thermometer", 0), CancellationToken.None);
        var late = await CommitAsync(first, "moving", 2, session1.Session);
        var resent = await CommitAsync(second, "moving", 2, session2.Session);

        Assert.Equal(new SensorCursor(1, 2), session2);
        Assert.Equal(CommitOutcomeKind.Fenced, late.Kind);
        Assert.Equal(CommitOutcomeKind.Committed, resent.Kind);
        Assert.Equal("2|2", await server.PsqlAsync("SELECT settled_sequence || '|' || session FROM sensors WHERE sensor_id = 'moving'", _database));
        Assert.Equal("2", await server.PsqlAsync("SELECT count(*) FROM chunks", _database));
    }

    private async Task<CommitOutcome> CommitAsync(CommitPipeline pipeline, string sensorId, long sequence, long session)
    {
        var request = CommitRequest.Store(TestBatches.Regular(sensorId, sequence), _time.GetTimestamp(), session: session);
        await pipeline.EnqueueAsync(request, CancellationToken.None);
        return await request.Completion.WaitAsync(Eventually.DefaultTimeout);
    }

    /// <summary>A collector's commit pipeline of its own on the test's database.</summary>
    private async Task<CommitPipeline> StartAsync()
    {
        var options = Options.Create(new StorageOptions { Engine = StorageEngine.Postgres, ConnectionString = _connectionString, MaxBatchesPerCommit = 64 });
        var database = new PostgresDatabase(options, _time);
        _disposables.Add(database);
        var pipeline = new CommitPipeline(
            new PostgresChunkStore(database, _time), new SequenceLedger(), new SensorDirectory(), new CommittedBatchFeed(), new StorageHealth(_time),
            new IngestMetrics(_services.GetRequiredService<IMeterFactory>()), _time, options, NullLogger<CommitPipeline>.Instance);
        _disposables.Add(pipeline);
        await pipeline.StartAsync(CancellationToken.None);
        return pipeline;
    }
}
