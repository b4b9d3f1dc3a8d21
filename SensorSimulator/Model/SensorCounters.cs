
namespace Ingest.SensorSimulator.Model;

/// <summary>
/// One sensor's ledger, updated with interlocked operations so that it can be read at any time. Every
/// sampled reading is, at any quiescent point, exactly one of acked, rejected, dropped, lost or unacked:
/// <c>Sampled = Acked + Rejected + Dropped + Lost + Unacked</c>.
/// </summary>
internal sealed class SensorCounters
{
    private long _sampled;
    private long _acked;
    private long _dropped;
    private long _rejected;
    private long _lost;
    private long _recovered;
    private long _unacked;
    private long _retries;
    private long _batchesSent;
    private long _droppedBatches;
    private long _lastSequence;
    private long _firstSequence;
    private long _ackedSequence;
    private long _failovers;
    private int _keyRefused;

    /// <summary>Readings generated.</summary>
    public long Sampled => Interlocked.Read(ref _sampled);

    /// <summary>
    /// Readings sampled, including those taken over from the spool of an earlier process of this sensor
    /// (<see cref="Recovered"/>).
    /// </summary>
    public long Recovered => Interlocked.Read(ref _recovered);

    /// <summary>Readings the collector said are stored (committed, or resends of the very readings stored earlier).</summary>
    public long Acked => Interlocked.Read(ref _acked);

    /// <summary>Readings dropped by the buffer policy, never sent.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Readings the collector rejected, with a reason.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Readings the collector recorded as lost: sent or sealed, and never received.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Readings held: in the buffer or in the open batch.</summary>
    public long Unacked => Interlocked.Read(ref _unacked);

    /// <summary>Attempts made after a failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Batches written to an upload stream, resends included.</summary>
    public long BatchesSent => Interlocked.Read(ref _batchesSent);

    /// <summary>Batches dropped by the buffer policy.</summary>
    public long DroppedBatches => Interlocked.Read(ref _droppedBatches);

    /// <summary>The highest sequence this process held: sealed, or recovered from the spool; 0 if none.</summary>
    public ulong LastSequence => (ulong)Interlocked.Read(ref _lastSequence);

    /// <summary>
    /// The lowest sequence this process held: its first sealed, or the first recovered from the spool; 0 if none. Every
    /// sequence below it was settled before this process started.
    /// </summary>
    public ulong FirstSequence => (ulong)Interlocked.Read(ref _firstSequence);

    /// <summary>The highest sequence known to be settled by the collector.</summary>
    public ulong AckedSequence => (ulong)Interlocked.Read(ref _ackedSequence);

    /// <summary>Times the sensor moved from one collector to another (a failover, or back to its home collector).</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    /// <summary>The collector refused this sensor's key, so it stopped uploading.</summary>
    public bool KeyRefused => Volatile.Read(ref _keyRefused) != 0;

    /// <summary>Records that the collector refused the key; true the first time only.</summary>
    public bool MarkKeyRefused() => Interlocked.Exchange(ref _keyRefused, 1) == 0;

    public void AddSampled(int readings)
    {
        Interlocked.Add(ref _sampled, readings);
        Interlocked.Add(ref _unacked, readings);
    }

    public void AddAcked(int readings)
    {
        Interlocked.Add(ref _acked, readings);
        Interlocked.Add(ref _unacked, -readings);
    }

    public void AddDroppedBatch(int readings)
    {
        Interlocked.Increment(ref _droppedBatches);
        Interlocked.Add(ref _dropped, readings);
        Interlocked.Add(ref _unacked, -readings);
    }

    public void AddRejected(int readings)
    {
        Interlocked.Add(ref _rejected, readings);
        Interlocked.Add(ref _unacked, -readings);
    }

    public void AddLost(int readings)
    {
        Interlocked.Add(ref _lost, readings);
        Interlocked.Add(ref _unacked, -readings);
    }

    /// <summary>Counts the readings of a batch the collector settled as <paramref name="outcome"/>.</summary>
    public void AddSettled(BatchOutcome outcome, int readings)
    {
        switch (outcome)
        {
            case BatchOutcome.Stored:
                AddAcked(readings);
                break;
            case BatchOutcome.Rejected:
                AddRejected(readings);
                break;
            case BatchOutcome.Lost:
                AddLost(readings);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not an outcome");
        }
    }

    /// <summary>Takes over readings an earlier process of this sensor sampled and kept in its spool: they are sampled and unacked here.</summary>
    public void AddRecovered(int readings)
    {
        Interlocked.Add(ref _recovered, readings);
        AddSampled(readings);
    }

    public void AddRetry() => Interlocked.Increment(ref _retries);

    public void AddFailover() => Interlocked.Increment(ref _failovers);

    public void AddBatchSent() => Interlocked.Increment(ref _batchesSent);

    /// <summary>Records a sequence this process holds (sealed or recovered).</summary>
    public void RecordSealed(ulong sequence)
    {
        RaiseTo(ref _lastSequence, sequence);
        Interlocked.CompareExchange(ref _firstSequence, (long)Math.Min(sequence, long.MaxValue), 0);
    }

    public void RecordSettledUpTo(ulong sequence) => RaiseTo(ref _ackedSequence, sequence);

    private static void RaiseTo(ref long target, ulong value)
    {
        var candidate = (long)Math.Min(value, long.MaxValue);
        var current = Interlocked.Read(ref target);
        while (candidate > current)
        {
            var seen = Interlocked.CompareExchange(ref target, candidate, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
