using Ingest.Collector.Model;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;

namespace Ingest.Collector.Tests.TestDoubles;

/// <summary>
/// An <see cref="IChunkStore"/> that keeps what it is given in memory, fails while <see cref="Failure"/>
/// is set, and can hold commits at a gate so a test controls when a transaction finishes. Sensors' rows are
/// compare-and-set as the real engines do them, and <see cref="MoveOn"/> plays another collector sharing the store.
/// </summary>
internal sealed class ScriptedChunkStore : IChunkStore
{
    private readonly SensorRecord[] _sensors;
    private readonly Dictionary<string, SensorCursor> _cursors = new(StringComparer.Ordinal);

    public ScriptedChunkStore(params SensorRecord[] sensors)
    {
        _sensors = sensors;
        foreach (var sensor in sensors)
        {
            _cursors[sensor.SensorId] = new SensorCursor(sensor.SettledSequence, sensor.Session);
        }
    }

    public string Location => "a scripted store";

    public int SchemaVersion => 4;

    private readonly Lock _lock = new();
    private readonly List<WriteSetCopy> _commits = [];
    private TaskCompletionSource _gate = CompletedGate();

    /// <summary>Thrown from <see cref="CommitAsync"/>, <see cref="ProbeAsync"/> and <see cref="CheckpointAsync"/> while set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Signalled each time a commit has started (and is waiting at the gate, if it is closed).</summary>
    public SemaphoreSlim CommitStarted { get; } = new(0);

    public IReadOnlyList<WriteSetCopy> Commits
    {
        get
        {
            lock (_lock)
            {
                return [.. _commits];
            }
        }
    }

    public void CloseGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OpenGate() => _gate.TrySetResult();

    public Task<IReadOnlyList<SensorRecord>> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SensorRecord>>(_sensors);

    /// <summary>Another collector sharing the store moves <paramref name="sensorId"/> to <paramref name="cursor"/>, storing <paramref name="chunks"/>.</summary>
    public void MoveOn(string sensorId, SensorCursor cursor, params ReadingBatch[] chunks)
    {
        lock (_lock)
        {
            _cursors[sensorId] = cursor;
            _commits.Add(new WriteSetCopy(chunks, [], [], [new SensorRecord(sensorId, "", cursor.Settled, cursor.Session)]));
        }
    }

    public async Task<IReadOnlyDictionary<string, SensorCursor>> CommitAsync(WriteSet writeSet, CancellationToken cancellationToken)
    {
        CommitStarted.Release();
        await _gate.Task.WaitAsync(cancellationToken);
        if (Failure is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            var conflicts = new Dictionary<string, SensorCursor>(StringComparer.Ordinal);
            foreach (var sensor in writeSet.Sensors)
            {
                var stored = _cursors.GetValueOrDefault(sensor.SensorId);
                if (stored != sensor.Expected)
                {
                    conflicts[sensor.SensorId] = stored;
                }
                else
                {
                    _cursors[sensor.SensorId] = sensor.Cursor;
                }
            }

            bool Written(string sensorId) => !conflicts.ContainsKey(sensorId);
            _commits.Add(new WriteSetCopy(
                [.. writeSet.Chunks.Where(c => Written(c.SensorId))],
                [.. writeSet.Gaps.Where(g => Written(g.SensorId))],
                [.. writeSet.Rejections.Where(r => Written(r.SensorId))],
                [.. writeSet.Sensors.Where(s => Written(s.SensorId)).Select(s => new SensorRecord(s.SensorId, s.Kind, s.Cursor.Settled, s.Cursor.Session, s.Added))]));
            return conflicts;
        }
    }

    public Task<SensorTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sensors.Aggregate(default(SensorTotals), (sum, s) => sum + s.Totals)
                + _commits.SelectMany(c => c.Sensors).Aggregate(default(SensorTotals), (sum, s) => sum + s.Totals));
        }
    }

    public Task<IReadOnlyDictionary<string, SensorCursor>> ReadCursorsAsync(IReadOnlyCollection<string> sensorIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyDictionary<string, SensorCursor> cursors = sensorIds.Distinct().Where(_cursors.ContainsKey).ToDictionary(id => id, id => _cursors[id]);
            return Task.FromResult(cursors);
        }
    }

    public Task<long?> ReadChecksumAsync(string sensorId, long sequence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var chunk = _commits.SelectMany(commit => commit.Chunks).FirstOrDefault(c => c.SensorId == sensorId && c.Sequence == sequence);
            return Task.FromResult(chunk?.Checksum);
        }
    }

    public Task<IReadOnlyDictionary<long, long>> ReadChecksumsAsync(string sensorId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyDictionary<long, long> checksums = _commits.SelectMany(commit => commit.Chunks)
                .Where(c => c.SensorId == sensorId && sequences.Contains(c.Sequence))
                .ToDictionary(c => c.Sequence, c => c.Checksum);
            return Task.FromResult(checksums);
        }
    }

    public Task<StoredSettlements> ReadSettlementsAsync(string sensorId, long fromSequence, long toSequence, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var rejected = _commits.SelectMany(commit => commit.Rejections)
                .Where(r => r.SensorId == sensorId && r.Sequence >= fromSequence && r.Sequence <= toSequence)
                .OrderBy(r => r.Sequence).Take(limit).ToList();
            var gaps = _commits.SelectMany(commit => commit.Gaps)
                .Where(g => g.SensorId == sensorId && g.FirstSequence <= toSequence && g.LastSequence >= fromSequence)
                .OrderBy(g => g.FirstSequence).Take(limit).ToList();
            return Task.FromResult(new StoredSettlements(rejected, gaps));
        }
    }

    /// <summary>Damage as the SQLite engine tells it, so a script can fail with a corrupt-file error.</summary>
    public bool IsDamage(Exception failure) => SqliteErrors.IsDamage(failure);

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        Failure is { } failure ? Task.FromException(failure) : Task.CompletedTask;

    public Task<bool> CheckpointAsync(CancellationToken cancellationToken) =>
        Failure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(true);

    public Task<bool> CheckpointIfShortOfSpaceAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<IReadOnlyList<string>> ForgetUnusedSensorsAsync(DateTimeOffset seenBefore, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>The chunks committed so far, read back as the SQLite store would order them.</summary>
    public async IAsyncEnumerable<StoredChunk> ReadChunksAsync(
        string sensorId, long fromMicros, long toMicros, int maxPageReadings, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunks = Commits.SelectMany(commit => commit.Chunks)
            .Where(chunk => chunk.SensorId == sensorId && chunk.MinTimestampMicros < toMicros && chunk.MaxTimestampMicros >= fromMicros)
            .OrderBy(chunk => chunk.MinTimestampMicros).ThenBy(chunk => chunk.Sequence);
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var (timestamps, values) = chunk.Decode();
            yield return new StoredChunk(chunk.Sequence, chunk.MinTimestampMicros, chunk.MaxTimestampMicros, timestamps, values);
        }
    }

    public ValueTask DisposeAsync()
    {
        CommitStarted.Dispose();
        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    /// <summary>What one committed transaction held, copied since the pipeline reuses its write set.</summary>
    internal sealed record WriteSetCopy(
        IReadOnlyList<ReadingBatch> Chunks,
        IReadOnlyList<SequenceGapRecord> Gaps,
        IReadOnlyList<RejectedBatchRecord> Rejections,
        IReadOnlyList<SensorRecord> Sensors);
}
