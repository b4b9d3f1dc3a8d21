using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Codec;
using Ingest.Collector.Commit;
using Ingest.Collector.Model;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;
using Ingest.MicroBenchmarks.Infrastructure;
using Microsoft.Extensions.Options;

namespace Ingest.MicroBenchmarks.Storage;

/// <summary>
/// <see cref="SqliteChunkStore.CommitAsync"/> of one write set (a chunk and a sensor row per batch, one
/// batch per sensor) into a temporary database file in WAL mode with full sync, as in production. Every
/// commit carries each sensor's next sequence, so it inserts new rows. Reported per commit.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "BenchmarkDotNet owns the instance: [GlobalCleanup] disposes the store and the directory. Benchmark classes cannot be sealed.")]
public class CommitBenchmarks
{
    private readonly WriteSet _writeSet = new();
    private TempDirectory _directory = null!;
    private SqliteChunkStore _store = null!;
    private SensorFleet _fleet = null!;

    /// <summary>Readings per batch.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    /// <summary>Batches per commit: a busy commit pipeline's group, and its default maximum (MaxBatchesPerCommit).</summary>
    [Params(64, 512)]
    public int BatchesPerCommit { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = new TempDirectory("microbenchmarks");
        _store = new SqliteChunkStore(Options.Create(new StorageOptions { Path = _directory.File("ingest.db") }), SampleBatches.Clock);
        await _store.OpenAsync(CancellationToken.None);
        _fleet = new SensorFleet(BatchesPerCommit, BatchSize, new WindowRunPlanner(Options.Create(new AggregationOptions())));

        // The sensors are known from the first commit on, as in a running collector.
        await CommitAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Makes every sensor's next batch, encoded as validation does (not measured: one commit per iteration).</summary>
    [IterationSetup]
    public void NextRound() => _fleet.Advance();

    /// <summary>Commits the next batch of every sensor in one transaction.</summary>
    [Benchmark]
    public Task CommitAsync()
    {
        _writeSet.Clear();
        foreach (var batch in _fleet.Current)
        {
            _writeSet.Chunks.Add(batch);
            _writeSet.Sensor(batch.SensorId, "temperature", expected: new SensorCursor(batch.Sequence - 1, 1)).Cursor = new SensorCursor(batch.Sequence, 1);
        }

        return _store.CommitAsync(_writeSet, CancellationToken.None);
    }
}
