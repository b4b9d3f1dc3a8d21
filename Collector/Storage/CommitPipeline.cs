using System.Threading.Channels;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;
using Ingest.Collector.Health;
using Ingest.Collector.Model;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Storage;

/// <summary>
/// The single writer of the ingest path. Batches from every stream queue here (bounded, so streams wait
/// when storage is behind); the writer takes as many as are waiting, decides each one's sequence
/// (new, duplicate, after a gap), writes them in one transaction — one fsync shared by all — and only
/// then settles them and hands the committed ones to the <see cref="CommittedBatchFeed"/>.
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
    private readonly int _maxBatchesPerCommit;
    private readonly Channel<CommitRequest> _queue;
    private readonly CancellationTokenSource _abort = new();
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
        ILogger<CommitPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_store, _ledger, _directory, _feed, _health, _metrics, _timeProvider, _logger) =
            (store, ledger, directory, feed, health, metrics, timeProvider, logger);
        _maxBatchesPerCommit = options.Value.MaxBatchesPerCommit;
        _queue = Channel.CreateBounded<CommitRequest>(new BoundedChannelOptions(options.Value.QueueCapacityBatches)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.QueueDepth = () => _queue.Reader.CanCount ? _queue.Reader.Count : 0;
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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SensorRecord> sensors;
        try
        {
            sensors = await _store.OpenAsync(cancellationToken);
        }
        catch (StorageDamagedException ex)
        {
            // Its message says what is damaged and how to recover: the collector stops with that one message.
            throw new StartupRefusedException(ex.Message, ex);
        }

        _ledger.Load(sensors.Select(s => KeyValuePair.Create(s.SensorId, s.SettledSequence)));
        foreach (var sensor in sensors)
        {
            _directory.Register(sensor.SensorId, sensor.Kind);
        }

        _health.Opened();
        CollectorLog.StorageOpened(_logger, _store.Location, sensors.Count, SqliteSchema.CurrentVersion);
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
        pending.Clear();
        writeSet.Clear();
        committed.Clear();
        for (var i = 0; i < group.Count; i++)
        {
            outcomes[i] = Decide(group[i], pending, writeSet, committed);
        }

        if (!writeSet.IsEmpty)
        {
            try
            {
                await _store.CommitAsync(writeSet, _abort.Token);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                FailAll(group, new StorageUnavailableException("the collector stopped before this batch could be committed"));
                return;
            }
            catch (Exception ex)
            {
                FailCommit(group, ex);
                return;
            }

            CommitSucceeded();
        }

        pending.ApplyToLedger();

        // Stored now: the aggregates get these batches whatever happens to the acknowledgements below.
        _feed.Publish(committed);
        await ConfirmDuplicatesAsync(group, outcomes);
        Account(group, outcomes);
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
        var damaged = SqliteErrors.IsDamage(exception);
        var reason = exception.Message.TrimEnd('.');
        if (_health.CommitFailed(exception))
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
    /// A batch at or below the settled sequence is acknowledged as a duplicate only when it really is
    /// stored: its sequence may instead have been settled as lost (a gap) or rejected, and then it is
    /// refused, so that an acknowledgement always means stored. Duplicates are rare (resends), so the
    /// look-up costs little.
    /// </summary>
    private async Task ConfirmDuplicatesAsync(List<CommitRequest> group, CommitOutcome[] outcomes)
    {
        for (var i = 0; i < group.Count; i++)
        {
            var request = group[i];
            if (outcomes[i].Kind == CommitOutcomeKind.Duplicate
                && !await _store.ContainsAsync(request.SensorId, request.Sequence, _abort.Token))
            {
                outcomes[i] = new CommitOutcome(CommitOutcomeKind.Rejected, request.ReadingCount, null,
                    $"sequence {request.Sequence} was already settled as lost or rejected and is not stored; send new readings with a new sequence");
            }
        }
    }

    private CommitOutcome Decide(CommitRequest request, PendingSequences pending, WriteSet writeSet, List<ReadingBatch> committed)
    {
        var decision = pending.Decide(request.SensorId, request.Sequence);
        if (decision.Verdict == SequenceVerdict.Duplicate)
        {
            return request.Batch is null
                ? new CommitOutcome(CommitOutcomeKind.Rejected, request.ReadingCount, null, request.RejectionReason)
                : new CommitOutcome(CommitOutcomeKind.Duplicate, request.ReadingCount, null, null);
        }

        SequenceGapRecord? gap = null;
        if (decision.HasGap)
        {
            gap = new SequenceGapRecord(request.SensorId, decision.GapFirst, decision.GapLast);
            writeSet.Gaps.Add(gap);
        }

        writeSet.Sensors[request.SensorId] = new SensorRecord(request.SensorId, _directory.KindOf(request.SensorId), request.Sequence);
        if (request.Batch is { } batch)
        {
            writeSet.Chunks.Add(batch);
            committed.Add(batch);
            return new CommitOutcome(CommitOutcomeKind.Committed, request.ReadingCount, gap, null);
        }

        writeSet.Rejections.Add(new RejectedBatchRecord(request.SensorId, request.Sequence, request.ReadingCount, request.RejectionReason ?? ""));
        return new CommitOutcome(CommitOutcomeKind.Rejected, request.ReadingCount, gap, request.RejectionReason);
    }

    private void Account(List<CommitRequest> group, CommitOutcome[] outcomes)
    {
        int batches = 0, duplicates = 0, rejected = 0;
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
                    break;
            }

            if (outcome.Gap is { } gap)
            {
                lost += gap.BatchCount;
                CollectorLog.GapRecorded(_logger, gap.SensorId, gap.FirstSequence, gap.LastSequence);
            }

            _metrics.CommitLatency(_timeProvider.GetElapsedTime(group[i].EnqueuedTimestamp, now));
            group[i].Complete(outcome);
        }

        _metrics.CommitGroup(group.Count);
        _metrics.Committed(batches, readings);
        _metrics.Duplicates(duplicates);
        _metrics.Rejected(rejected);
        _metrics.Lost(lost);
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
