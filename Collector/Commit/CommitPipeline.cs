using System.Collections.ObjectModel;
using System.Data.Common;
using System.Threading.Channels;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;
using Ingest.Collector.Health;
using Ingest.Collector.Model;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;
using Ingest.Protocol;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Commit;

/// <summary>
/// The single writer of the ingest path. Batches from every stream, and the sessions greetings open, queue here
/// (bounded, so streams wait when storage is behind); the writer takes as many as are waiting, decides each one in
/// queue order (a new session; a batch new, after a gap, a duplicate whose readings are what is stored, or fenced
/// because its session is not the sensor's current one), writes them in one transaction — one fsync shared by
/// all, with each sensor's new standing and totals — and only then settles them and hands the committed ones to
/// the <see cref="CommittedBatchFeed"/>. A greeting is answered once its session is written, so everything queued
/// before it is settled by then and every batch of an older session queued after it is fenced.
/// </summary>
internal sealed partial class CommitPipeline : IHostedService, IAsyncDisposable
{
    private readonly IChunkStore _store;
    private readonly SequenceLedger _ledger;
    private readonly SensorDirectory _directory;
    private readonly CommittedBatchFeed _feed;
    private readonly StorageHealth _health;
    private readonly IngestMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CommitPipeline> _logger;
    private readonly RefusalLog _refusals;
    private readonly int _maxBatchesPerCommit;
    private readonly Channel<CommitRequest> _queue;
    private readonly CancellationTokenSource _abort = new();
    /// <summary>
    /// Commits in a row in which another collector moved a sensor on, before its batches fail (and it greets again). Each
    /// lost race turns what the other collector stored into duplicates here, so the retries shrink and end; the cap only
    /// guards against a store that never agrees. A split stream (the same sensor sent to two collectors at once) lost 8
    /// races in a row in one of four test runs here, so the cap is well above that.
    /// </summary>
    internal const int MaxConflictRetries = 64;

    private readonly LogThrottle _conflictLog;
    private readonly LogThrottle _movedOnLog;
    private long _conflicts;
    private Task _writer = Task.CompletedTask;
    private int _disposed;

    public CommitPipeline(
        IChunkStore store,
        SequenceLedger ledger,
        SensorDirectory directory,
        CommittedBatchFeed feed,
        StorageHealth health,
        IngestMetrics metrics,
        TimeProvider timeProvider,
        IOptions<StorageOptions> options,
        ILogger<CommitPipeline> logger,
        RefusalLog? refusals = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _refusals = refusals ?? new RefusalLog(timeProvider, Options.Create(new RefusalLogOptions()));
        (_store, _ledger, _directory, _feed, _health, _metrics, _timeProvider, _logger) =
            (store, ledger, directory, feed, health, metrics, timeProvider, logger);
        _maxBatchesPerCommit = options.Value.MaxBatchesPerCommit;
        _conflictLog = new LogThrottle(timeProvider, TimeSpan.FromSeconds(10));
        _movedOnLog = new LogThrottle(timeProvider, TimeSpan.FromSeconds(10));
        _queue = Channel.CreateBounded<CommitRequest>(new BoundedChannelOptions(options.Value.QueueCapacityBatches)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.QueueDepth = () => _queue.Reader.CanCount ? _queue.Reader.Count : 0;
        metrics.StorageServing = () => health.IsHealthy;
    }

    /// <summary>
    /// Queues a request, waiting while the queue is full. Throws <see cref="StorageUnavailableException"/>
    /// once the pipeline has stopped taking work.
    /// </summary>
    public async ValueTask EnqueueAsync(CommitRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(request, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw new StorageUnavailableException("the collector is shutting down and takes no more batches", ex);
        }
    }

    /// <summary>
    /// Opens the sensor's next session, after everything queued before it is settled, and returns where the sensor
    /// then stands: the new session and its exact resume point. Throws <see cref="StorageUnavailableException"/>
    /// when the session could not be recorded.
    /// </summary>
    public async Task<SensorCursor> OpenSessionAsync(string sensorId, SessionOpening opening, CancellationToken cancellationToken)
    {
        var request = CommitRequest.OpenSession(sensorId, opening, _timeProvider.GetTimestamp());
        await EnqueueAsync(request, cancellationToken);
        var outcome = await request.Completion.WaitAsync(cancellationToken);
        return outcome.Cursor;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SensorRecord> sensors;
        try
        {
            sensors = await _store.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is StorageDamagedException or StorageInUseException)
        {
            // Its message says what is wrong and how to fix it: the collector stops with that one message.
            throw new StartupRefusedException(ex.Message, ex);
        }
        catch (DbException ex) when (!_store.IsDamage(ex))
        {
            throw new StartupRefusedException(
                $"Storage at {_store.Location} cannot be opened: {ex.Message.TrimEnd('.')}. Check Collector:Storage (the database server must be running and reachable).", ex);
        }

        _ledger.Load(sensors.Select(s => KeyValuePair.Create(s.SensorId, new SensorCursor(s.SettledSequence, s.Session))));
        var totals = default(SensorTotals);
        foreach (var sensor in sensors)
        {
            _directory.Register(sensor.SensorId, sensor.Kind);
            totals += sensor.Totals;
        }

        _metrics.Restore(totals.CommittedBatches, totals.CommittedReadings, totals.DuplicateBatches, totals.RejectedBatches, totals.LostBatches);

        _health.Opened();
        CollectorLog.StorageOpened(_logger, _store.Location, sensors.Count, _store.SchemaVersion);
        _writer = Task.Run(RunWriterAsync, CancellationToken.None);
    }

    /// <summary>Stops taking work and commits everything already queued, unless the stop times out.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var remaining = _queue.Reader.CanCount ? _queue.Reader.Count : 0;
        _queue.Writer.TryComplete();
        using var registration = cancellationToken.Register(() => _abort.Cancel());
        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown timeout passed inside a storage call; what is not committed is not acknowledged.
            CollectorLog.PipelineAbandoned(_logger, _queue.Reader.CanCount ? _queue.Reader.Count : 0);
            return;
        }

        CollectorLog.PipelineDrained(_logger, remaining);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _abort.CancelAsync();
        await _writer;
        _abort.Dispose();
    }

    private async Task RunWriterAsync()
    {
        var group = new List<CommitRequest>(_maxBatchesPerCommit);
        var outcomes = new CommitOutcome[_maxBatchesPerCommit];
        var pending = new PendingSequences(_ledger);
        var writeSet = new WriteSet();
        var committed = new List<ReadingBatch>(_maxBatchesPerCommit);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            group.Clear();
            while (group.Count < _maxBatchesPerCommit && reader.TryRead(out var request))
            {
                group.Add(request);
            }

            if (_abort.IsCancellationRequested)
            {
                FailAll(group, new StorageUnavailableException("the collector stopped before this batch could be committed"));
                continue;
            }

            FailBrokenStreams(group);
            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await CommitGroupAsync(group, outcomes, pending, writeSet, committed);
            }
            catch (Exception ex)
            {
                // A defect must not stop the writer: fail this group (its sensors resend) and go on.
                CollectorLog.CommitFailed(_logger, group.Count, ex);
                FailAll(group, new StorageUnavailableException("the collector failed to settle the batch: " + ex.Message, ex));
            }
        }
    }

    private async Task CommitGroupAsync(
        List<CommitRequest> group, CommitOutcome[] outcomes, PendingSequences pending, WriteSet writeSet, List<ReadingBatch> committed)
    {
        await RefreshNewerSessionsAsync(group);

        var remaining = group;
        for (var attempt = 1; ; attempt++)
        {
            pending.Clear();
            writeSet.Clear();
            committed.Clear();
            for (var i = 0; i < remaining.Count; i++)
            {
                outcomes[i] = Decide(remaining[i], pending, writeSet, committed);
            }

            IReadOnlyDictionary<string, SensorCursor> conflicts;
            try
            {
                await ConfirmDuplicatesAsync(remaining, outcomes, pending, writeSet);
                conflicts = writeSet.IsEmpty ? ReadOnlyDictionary<string, SensorCursor>.Empty : await _store.CommitAsync(writeSet, _abort.Token);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                FailAll(remaining, new StorageUnavailableException("the collector stopped before this batch could be committed"));
                return;
            }
            catch (Exception ex)
            {
                FailCommit(remaining, ex);
                return;
            }

            if (!writeSet.IsEmpty)
            {
                CommitSucceeded();
            }

            if (conflicts.Count == 0)
            {
                pending.ApplyToLedger();

                // Stored now: the aggregates get these batches whatever happens to the acknowledgements below.
                _feed.Publish(committed);
                Account(remaining, outcomes);
                return;
            }

            remaining = SettleAroundConflicts(remaining, outcomes, pending, committed, conflicts, attempt);
            if (remaining.Count == 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// After a commit in which another collector had moved some sensors on: settles the requests of the sensors that
    /// were written, takes the conflicting sensors' stored cursors into the ledger, and returns their requests, in
    /// queue order, to be decided again against them — or fails them once <see cref="MaxConflictRetries"/> commits in
    /// a row conflicted, so that their sensors greet again.
    /// </summary>
    private List<CommitRequest> SettleAroundConflicts(
        List<CommitRequest> requests, CommitOutcome[] outcomes, PendingSequences pending, List<ReadingBatch> committed,
        IReadOnlyDictionary<string, SensorCursor> conflicts, int attempt)
    {
        pending.ApplyToLedger(except: conflicts);
        foreach (var (sensorId, stored) in conflicts)
        {
            _ledger.Advance(sensorId, stored);
        }

        _metrics.StorageConflicts(conflicts.Count);
        if (_movedOnLog.TryEnter())
        {
            CollectorLog.SensorsMovedOnElsewhere(_logger, conflicts.Count, conflicts.Keys.First());
        }

        var settled = new List<CommitRequest>(requests.Count);
        var settledOutcomes = new List<CommitOutcome>(requests.Count);
        var retry = new List<CommitRequest>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (conflicts.ContainsKey(requests[i].SensorId))
            {
                retry.Add(requests[i]);
            }
            else
            {
                settled.Add(requests[i]);
                settledOutcomes.Add(outcomes[i]);
            }
        }

        committed.RemoveAll(batch => conflicts.ContainsKey(batch.SensorId));
        _feed.Publish(committed);
        Account(settled, [.. settledOutcomes]);
        if (attempt < MaxConflictRetries)
        {
            return retry;
        }

        FailAll(retry, new StorageUnavailableException(
            $"other collectors kept moving this sensor on while this one decided its batches ({attempt} times in a row)"));
        return [];
    }

    /// <summary>
    /// A batch that carries a session newer than this collector knows was greeted on another collector: the ledger,
    /// a cache, is refreshed from storage for such sensors before they are decided, so that the batch is not fenced as
    /// of a session never opened.
    /// </summary>
    private async Task RefreshNewerSessionsAsync(List<CommitRequest> group)
    {
        List<string>? stale = null;
        foreach (var request in group)
        {
            if (request.Opening is null && request.Session > _ledger.Cursor(request.SensorId).Session)
            {
                (stale ??= []).Add(request.SensorId);
            }
        }

        if (stale is null)
        {
            return;
        }

        try
        {
            foreach (var (sensorId, stored) in await _store.ReadCursorsAsync(stale, _abort.Token))
            {
                _ledger.Advance(sensorId, stored);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only these sensors' batches are at stake: decided on the cache, they are fenced, and their sensors greet
            // again; the commit itself tells whether storage is failing.
            CollectorLog.CursorRefreshFailed(_logger, stale.Count, ex.Message);
        }
    }

    /// <summary>
    /// The collector stays up: these streams end with Unavailable (DataLoss when the file is damaged), their sensors
    /// resend, and health reports not-serving until a commit or <see cref="StorageRecoveryService"/>'s write probe
    /// succeeds. One line is logged per outage, without a stack trace (the reason is what tells); later failures
    /// are counted and reported when it ends.
    /// </summary>
    private void FailCommit(List<CommitRequest> group, Exception exception)
    {
        _metrics.CommitFailed();
        var damaged = _store.IsDamage(exception);
        var reason = exception.Message.TrimEnd('.');
        if (_health.CommitFailed(exception, damaged))
        {
            if (damaged)
            {
                CollectorLog.StorageDamaged(_logger, _store.Location, reason);
            }
            else
            {
                CollectorLog.StorageFailing(_logger, group.Count, reason);
            }
        }

        FailAll(group, damaged
            ? new StorageDamagedException($"the collector's database is damaged ({reason})", exception)
            : new StorageUnavailableException("storage failed to commit the batch: " + exception.Message, exception));
    }

    private void CommitSucceeded()
    {
        if (_health.CommitSucceeded() is { } outage)
        {
            CollectorLog.StorageRecovered(_logger, outage.FailedCommits, outage.Duration.TotalSeconds, "a commit succeeded");
        }
    }

    /// <summary>
    /// A batch at or below the settled sequence is acknowledged as a duplicate only when the readings stored under
    /// its sequence are its very readings (same <see cref="ReadingsChecksum"/>): a sequence names one content for ever.
    /// A sequence settled as lost or rejected, or stored with other readings, refuses the batch, so that an
    /// acknowledgement always means these readings are stored. Decided before the write, so that the sensor's
    /// totals count it in the same transaction; duplicates are rare (resends), so the look-up costs little.
    /// </summary>
    private async Task ConfirmDuplicatesAsync(List<CommitRequest> group, CommitOutcome[] outcomes, PendingSequences pending, WriteSet writeSet)
    {
        for (var i = 0; i < group.Count; i++)
        {
            var request = group[i];
            if (outcomes[i].Kind != CommitOutcomeKind.Duplicate || request.Batch is not { } batch)
            {
                continue;
            }

            long? stored;
            try
            {
                stored = writeSet.ChecksumOf(request.SensorId, request.Sequence)
                    ?? await _store.ReadChecksumAsync(request.SensorId, request.Sequence, _abort.Token);
            }
            catch (InvalidDataException ex)
            {
                // A chunk from before checksums whose readings no longer decode: this batch cannot be compared with it,
                // and the rest of the group must not fail for it.
                outcomes[i] = Refuse(request, RejectionKind.ContentConflict,
                    $"sequence {request.Sequence} is stored, but its readings cannot be read back to compare them with these ({ex.Message}); nothing is stored again");
                continue;
            }

            if (stored == batch.Checksum)
            {
                Count(request, pending, writeSet, new SensorTotals(0, 0, 1, 0, 0, 0));
                continue;
            }

            if (stored is null)
            {
                outcomes[i] = Refuse(request, RejectionKind.AlreadySettled,
                    $"sequence {request.Sequence} was already settled as lost or rejected and is not stored; send new readings with a new sequence");
            }
            else
            {
                var conflicts = Interlocked.Increment(ref _conflicts);
                _metrics.ContentConflict();
                if (_conflictLog.TryEnter())
                {
                    CollectorLog.ContentConflict(_logger, request.SensorId, request.Sequence, conflicts);
                }
                outcomes[i] = Refuse(request, RejectionKind.ContentConflict,
                    $"sequence {request.Sequence} is already stored with other readings; a sequence names one content for ever, so these readings are not stored (the stored ones stay): give new readings a new sequence");
            }

            Count(request, pending, writeSet, new SensorTotals(0, 0, 0, 1, request.ReadingCount, 0));
        }
    }

    private CommitOutcome Decide(CommitRequest request, PendingSequences pending, WriteSet writeSet, List<ReadingBatch> committed)
    {
        if (request.Opening is { } opening)
        {
            return OpenSession(request, opening, pending, writeSet);
        }

        var decision = pending.Decide(request.SensorId, request.Sequence, request.Session);
        switch (decision.Verdict)
        {
            case SequenceVerdict.Fenced:
                return Fence(request, pending.Get(request.SensorId));
            case SequenceVerdict.Duplicate:
                if (request.Batch is null)
                {
                    Count(request, pending, writeSet, new SensorTotals(0, 0, 0, 1, request.ReadingCount, 0));
                    return new CommitOutcome(CommitOutcomeKind.Rejected, request.ReadingCount, null, request.RejectionReason);
                }

                // Confirmed, or refused, against what is stored before the write.
                return new CommitOutcome(CommitOutcomeKind.Duplicate, request.ReadingCount, null, null);
        }

        SequenceGapRecord? gap = null;
        long lost = 0;
        if (decision.HasGap)
        {
            gap = new SequenceGapRecord(request.SensorId, decision.GapFirst, decision.GapLast);
            writeSet.Gaps.Add(gap);
            lost = gap.BatchCount;
        }

        if (request.Batch is { } batch)
        {
            writeSet.Chunks.Add(batch);
            committed.Add(batch);
            Count(request, pending, writeSet, new SensorTotals(1, request.ReadingCount, 0, 0, 0, lost));
            return new CommitOutcome(CommitOutcomeKind.Committed, request.ReadingCount, gap, null);
        }

        writeSet.Rejections.Add(new RejectedBatchRecord(request.SensorId, request.Sequence, request.ReadingCount, request.RejectionReason ?? ""));
        Count(request, pending, writeSet, new SensorTotals(0, 0, 0, 1, request.ReadingCount, lost));
        return new CommitOutcome(CommitOutcomeKind.Rejected, request.ReadingCount, gap, request.RejectionReason);
    }

    /// <summary>Opens the sensor's next session, settling as lost what the greeting reports lost.</summary>
    private CommitOutcome OpenSession(CommitRequest request, SessionOpening opening, PendingSequences pending, WriteSet writeSet)
    {
        var (cursor, decision) = pending.OpenSession(request.SensorId, opening.LostThrough);
        SequenceGapRecord? gap = null;
        long lost = 0;
        if (decision.HasGap)
        {
            gap = new SequenceGapRecord(request.SensorId, decision.GapFirst, decision.GapLast, SequenceGapRecord.ReportedBySensor);
            writeSet.Gaps.Add(gap);
            lost = gap.BatchCount;
        }

        var kind = opening.Kind.Length > 0 ? opening.Kind : _directory.KindOf(request.SensorId);
        var write = writeSet.Sensor(request.SensorId, kind, _ledger.Cursor(request.SensorId));
        write.Cursor = cursor;
        write.Added += new SensorTotals(0, 0, 0, 0, 0, lost);
        return new CommitOutcome(CommitOutcomeKind.SessionOpened, 0, gap, null, Cursor: cursor);
    }

    private static CommitOutcome Fence(CommitRequest request, SensorCursor current)
    {
        var reason = request.Session < current.Session
            ? $"batch {request.Sequence} of '{request.SensorId}' was sent in session {request.Session}, but the sensor greeted again since and its session is {current.Session}: a batch of an older session is neither stored nor acknowledged; greet and resend what is not settled"
            : $"batch {request.Sequence} of '{request.SensorId}' carries session {request.Session}, which was never opened (the sensor's session is {current.Session}); greet and send the session the greeting answers";
        return new CommitOutcome(CommitOutcomeKind.Fenced, request.ReadingCount, null, reason, Cursor: current);
    }

    private static CommitOutcome Refuse(CommitRequest request, RejectionKind kind, string reason) =>
        new(CommitOutcomeKind.Rejected, request.ReadingCount, null, reason, kind);

    /// <summary>Adds to the sensor's stored totals in this transaction, and writes where it now stands.</summary>
    private void Count(CommitRequest request, PendingSequences pending, WriteSet writeSet, SensorTotals added)
    {
        var write = writeSet.Sensor(request.SensorId, _directory.KindOf(request.SensorId), _ledger.Cursor(request.SensorId));
        write.Cursor = pending.Get(request.SensorId);
        write.Added += added;
    }

    private void Account(List<CommitRequest> group, CommitOutcome[] outcomes)
    {
        int batches = 0, duplicates = 0, rejected = 0, fenced = 0;
        long readings = 0, lost = 0;
        var now = _timeProvider.GetTimestamp();
        for (var i = 0; i < group.Count; i++)
        {
            var outcome = outcomes[i];
            switch (outcome.Kind)
            {
                case CommitOutcomeKind.Committed:
                    batches++;
                    readings += outcome.ReadingCount;
                    break;
                case CommitOutcomeKind.Duplicate:
                    duplicates++;
                    break;
                case CommitOutcomeKind.Rejected:
                    rejected++;
                    _feed.PublishRejected(group[i].SensorId, outcome.RejectionReason ?? "");
                    break;
                case CommitOutcomeKind.Fenced:
                    fenced++;
                    break;
            }

            if (outcome.Gap is { } gap)
            {
                lost += gap.BatchCount;
                if (_refusals.Count(RefusalLog.GapRecorded) is var gaps and > 0)
                {
                    PacedLog.GapsRecorded(_logger, gaps, gap.SensorId, gap.FirstSequence, gap.LastSequence, gap.Reason, _refusals.Interval);
                }
            }

            _metrics.CommitLatency(_timeProvider.GetElapsedTime(group[i].EnqueuedTimestamp, now));
            group[i].Complete(outcome);
        }

        _metrics.CommitGroup(group.Count);
        _metrics.Committed(batches, readings);
        _metrics.Duplicates(duplicates);
        _metrics.Rejected(rejected);
        _metrics.Lost(lost);
        _metrics.Fenced(fenced);
    }

    /// <summary>Fails, and takes out of the group, the batches of streams that had a batch fail to commit.</summary>
    private static void FailBrokenStreams(List<CommitRequest> group)
    {
        group.RemoveAll(request =>
        {
            if (request.Stream is not { IsBroken: true })
            {
                return false;
            }

            request.Fail(new StorageUnavailableException(
                $"an earlier batch of this stream failed to commit, so batch {request.Sequence} is not committed after it"));
            return true;
        });
    }

    private static void FailAll(List<CommitRequest> group, Exception exception)
    {
        foreach (var request in group)
        {
            request.Stream?.Break();
            request.Fail(exception);
        }
    }
}
