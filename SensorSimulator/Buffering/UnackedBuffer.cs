using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Spool;

namespace Ingest.SensorSimulator.Buffering;

/// <summary>
/// Every sealed batch of one sensor that the collector has not settled yet, in sequence order, bounded
/// by <c>MaxUnackedBatches</c>. Each batch is pending (to be sent) or in flight (written to the current
/// stream). The buffer keeps the sensor's ledger exact: a batch leaves it only as acked (the collector said it
/// is stored), rejected, lost (the collector recorded its sequence as lost) or dropped, and a batch that was ever
/// sent is never dropped, because the collector may have stored it. With a spool, a batch is kept on disk before it
/// is held here (so before it can be sent), and the spool is told when it leaves.
/// </summary>
internal sealed class UnackedBuffer
{
    private readonly Lock _gate = new();
    private readonly List<BufferedBatch> _batches = [];
    private readonly int _capacity;
    private readonly BufferFullPolicy _policy;
    private readonly SensorCounters _counters;
    private readonly SensorSpoolLink _spool;
    private TaskCompletionSource _changed = NewSignal();
    private bool _addingCompleted;

    public UnackedBuffer(int capacityBatches, BufferFullPolicy policy, SensorCounters counters, SensorSpoolLink? spool = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBatches, 1);
        ArgumentNullException.ThrowIfNull(counters);
        _capacity = capacityBatches;
        _policy = policy;
        _counters = counters;
        _spool = spool ?? SensorSpoolLink.None("");
    }

    /// <summary>Batches held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _batches.Count;
            }
        }
    }

    /// <summary>Some batch held was sent at least once, so the collector may have settled it without telling us.</summary>
    public bool HasSentBatches
    {
        get
        {
            lock (_gate)
            {
                return _batches.Exists(b => b.EverSent);
            }
        }
    }

    /// <summary>
    /// The lowest sequence held that was ever sent, whose outcome a greeting should tell; 0 when there is none.
    /// </summary>
    public ulong FirstUnsettledSequence
    {
        get
        {
            lock (_gate)
            {
                return _batches.Find(b => b.EverSent)?.Sequence ?? 0;
            }
        }
    }

    /// <summary>
    /// The held batches ever sent from <paramref name="from"/> on, at most <paramref name="max"/>, with their readings'
    /// checksums: what a greeting lists so that the collector says "stored" only for these very readings.
    /// </summary>
    public IReadOnlyList<(ulong Sequence, ulong Checksum)> SentFrom(ulong from, int max)
    {
        var sent = new List<BufferedBatch>();
        lock (_gate)
        {
            foreach (var batch in _batches)
            {
                if (sent.Count == max)
                {
                    break;
                }

                if (batch.EverSent && batch.Sequence >= from)
                {
                    sent.Add(batch);
                }
            }
        }

        // The checksums are taken outside the lock: a held batch never changes.
        return sent.ConvertAll(b => (b.Sequence, b.Checksum));
    }

    /// <summary>Whether a batch ever sent is held with a sequence above <paramref name="after"/> and at most <paramref name="upTo"/>.</summary>
    public bool HasSentBetween(ulong after, ulong upTo)
    {
        lock (_gate)
        {
            return _batches.Exists(b => b.EverSent && b.Sequence > after && b.Sequence <= upTo);
        }
    }

    /// <summary>The sequences held, in order, for diagnostics and tests.</summary>
    public IReadOnlyList<ulong> Sequences
    {
        get
        {
            lock (_gate)
            {
                return _batches.ConvertAll(b => b.Sequence);
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="batch"/>, kept in the spool first when there is one. When the buffer is full,
    /// <see cref="BufferFullPolicy.DropOldest"/> drops the oldest batch never sent; otherwise (or when every batch held
    /// was sent) this waits for room. A full spool makes <see cref="BufferFullPolicy.Block"/> wait, and drops this
    /// batch under <see cref="BufferFullPolicy.DropOldest"/> (the spool gives space back a segment at a time, not a batch).
    /// Returns true when it had to wait, so that the caller can skip the readings due meanwhile.
    /// </summary>
    public async ValueTask<bool> AddAsync(SealedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var waited = false;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_addingCompleted)
                {
                    throw new InvalidOperationException("The buffer takes no more batches.");
                }

                if (_batches.Count > 0 && batch.Sequence <= _batches[^1].Sequence)
                {
                    throw new ArgumentException("Batches must be added in increasing sequence order.", nameof(batch));
                }

                if (_batches.Count >= _capacity && _policy == BufferFullPolicy.DropOldest)
                {
                    DropOldestNeverSent();
                }

                if (_batches.Count < _capacity)
                {
                    break;
                }

                changed = _changed.Task;
            }

            waited = true;
            await changed.WaitAsync(cancellationToken);
        }

        // Only this sensor's sampler adds, so the room found above is still there.
        if (!await _spool.KeepAsync(batch, waitForRoom: _policy == BufferFullPolicy.Block, cancellationToken))
        {
            _counters.AddDroppedBatch(batch.Count);
            return waited;
        }

        lock (_gate)
        {
            _batches.Add(new BufferedBatch(batch));
            Pulse();
        }

        return waited;
    }

    /// <summary>
    /// Holds the batches an earlier process of this sensor kept in the spool and never saw settled, in sequence order,
    /// as sent (that process may have sent them): a greeting tells their outcomes, and the rest are resent.
    /// </summary>
    public void Restore(IReadOnlyList<SealedBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        lock (_gate)
        {
            foreach (var batch in batches)
            {
                if (_batches.Count > 0 && batch.Sequence <= _batches[^1].Sequence)
                {
                    throw new ArgumentException("Restored batches must come before any other, in increasing sequence order.", nameof(batches));
                }

                var held = new BufferedBatch(batch);
                held.MarkSent();
                held.MarkPending();
                _batches.Add(held);
            }

            Pulse();
        }
    }

    /// <summary>Takes the pending batch with the lowest sequence and marks it in flight; null when none is pending.</summary>
    public SealedBatch? TryTakePending()
    {
        lock (_gate)
        {
            var next = _batches.Find(b => !b.InFlight);
            next?.MarkSent();
            return next?.Batch;
        }
    }

    /// <summary>
    /// Waits until a batch is pending and returns true; returns false when none is pending and none will
    /// come: no more batches will be added, or (with <paramref name="endWhenFull"/>, for an open stream that
    /// should rather be acknowledged) the buffer is full of batches in flight.
    /// </summary>
    public async ValueTask<bool> WaitForPendingAsync(bool endWhenFull, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_batches.Exists(b => !b.InFlight))
                {
                    return true;
                }

                if (_addingCompleted || (endWhenFull && _batches.Count >= _capacity))
                {
                    return false;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Settles an upload stream's acknowledgement, which tells the outcome of every batch the stream carried: each
    /// one listed in <paramref name="rejected"/> is rejected, each other one at or below
    /// <paramref name="committedSequence"/> is stored (committed, or a duplicate of its very readings), and any other
    /// is pending again (the acknowledgement does not cover it; resending is safe). Batches of earlier streams are
    /// left for a greeting or a resend to settle.
    /// </summary>
    public AckSettlement SettleAck(
        IReadOnlyCollection<ulong> sentInStream, IReadOnlySet<ulong> rejected, ulong committedSequence)
    {
        ArgumentNullException.ThrowIfNull(sentInStream);
        ArgumentNullException.ThrowIfNull(rejected);
        var sent = sentInStream as IReadOnlySet<ulong> ?? sentInStream.ToHashSet();
        int acked = 0, rejectedBatches = 0, rejectedReadings = 0, requeued = 0;
        lock (_gate)
        {
            _batches.RemoveAll(b =>
            {
                if (!b.InFlight || !sent.Contains(b.Sequence))
                {
                    return false;
                }

                if (rejected.Contains(b.Sequence))
                {
                    _counters.AddRejected(b.Batch.Count);
                    rejectedBatches++;
                    rejectedReadings += b.Batch.Count;
                    _spool.Settled(b.Sequence);
                    return true;
                }

                if (b.Sequence <= committedSequence)
                {
                    _counters.AddAcked(b.Batch.Count);
                    acked++;
                    _spool.Settled(b.Sequence);
                    return true;
                }

                b.MarkPending();
                requeued++;
                return false;
            });
            _counters.RecordSettledUpTo(committedSequence);
            Pulse();
        }

        return new AckSettlement(acked, rejectedBatches, rejectedReadings, requeued);
    }

    /// <summary>
    /// Settles what a greeting tells: every held batch that was ever sent and whose outcome the greeting makes sure of
    /// (<see cref="SettledOutcomes.Settles"/>: rejected, lost, stored with other readings, or stored with these very
    /// readings) is counted so; every other one is pending again, to be resent in sequence order, and its
    /// acknowledgement tells (a batch never sent, or stored by sequence only, is checked against what is stored when resent).
    /// Returns the settlement.
    /// </summary>
    public AckSettlement SettleGreet(SettledOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var settlement = default(AckSettlement);
        lock (_gate)
        {
            _batches.RemoveAll(b =>
            {
                if (!b.EverSent || !outcomes.Settles(b.Sequence))
                {
                    b.MarkPending();
                    return false;
                }

                var outcome = outcomes.Of(b.Sequence);
                _counters.AddSettled(outcome, b.Batch.Count);
                settlement = settlement.Add(outcome, b.Batch.Count);
                _spool.Settled(b.Sequence);
                return true;
            });
            _counters.RecordSettledUpTo(outcomes.Through);
            Pulse();
        }

        return settlement;
    }

    /// <summary>After a failed stream: every batch in flight is pending again (and stays marked as ever sent).</summary>
    public void ReturnInFlightToPending()
    {
        lock (_gate)
        {
            foreach (var batch in _batches)
            {
                batch.MarkPending();
            }

            Pulse();
        }
    }

    /// <summary>No more batches will be added: waits for pending batches end once none is left.</summary>
    public void CompleteAdding()
    {
        lock (_gate)
        {
            _addingCompleted = true;
            Pulse();
        }
    }

    private void DropOldestNeverSent()
    {
        var index = _batches.FindIndex(b => !b.EverSent);
        if (index < 0)
        {
            return;
        }

        _counters.AddDroppedBatch(_batches[index].Batch.Count);
        _spool.Settled(_batches[index].Sequence);
        _batches.RemoveAt(index);
    }

    private void Pulse()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
