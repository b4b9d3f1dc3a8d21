using Ingest.Collector.Commit;
using Ingest.Collector.Errors;
using Ingest.Collector.Storage;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// The batches of one Upload stream on their way through the commit pipeline, and the tally of what
/// happened to them. Holds at most a bounded number of batches in flight: the stream's next message is
/// read only when there is room, so HTTP/2 flow control pushes back on a fast sensor.
/// </summary>
internal sealed class UploadSession(int maxInFlight)
{
    private readonly Queue<CommitRequest> _inFlight = new();
    private readonly Wire.UploadAck _ack = new();
    private string? _fencedReason;

    public string? SensorId { get; private set; }

    /// <summary>The stream's commits: a batch that fails to commit fails the ones queued after it.</summary>
    public CommitStream Commits { get; } = new();

    public int BatchesReceived { get; private set; }

    /// <summary>Batches of this stream refused for their content or sequence so far.</summary>
    public int RejectionsReceived { get; private set; }

    public void CountRejection() => RejectionsReceived++;

    /// <summary>Binds the stream to the sensor of its first batch; returns why a later batch may not join it.</summary>
    public string? Bind(string sensorId)
    {
        BatchesReceived++;
        if (SensorId is null)
        {
            SensorId = sensorId;
            _ack.SensorId = sensorId;
            return null;
        }

        return string.Equals(SensorId, sensorId, StringComparison.Ordinal)
            ? null
            : $"this stream carries sensor '{SensorId}', but batch {BatchesReceived} names '{sensorId}'; open one Upload stream per sensor";
    }

    /// <summary>Waits until another batch may be put in flight.</summary>
    public async ValueTask WaitForRoomAsync()
    {
        while (_inFlight.Count >= maxInFlight)
        {
            var request = _inFlight.Dequeue();
            Tally(request, await request.Completion);
            ThrowIfFenced();
        }
    }

    public void Track(CommitRequest request) => _inFlight.Enqueue(request);

    /// <summary>Records a batch rejected before it reached the pipeline (its sequence cannot be settled).</summary>
    public void RejectUnsettled(ulong sequence, int readingCount, string reason)
    {
        RejectionsReceived++;
        _ack.Rejected.Add(new Wire.RejectedBatch { Sequence = sequence, Code = (int)Grpc.Core.StatusCode.InvalidArgument, Reason = reason, ReadingCount = (uint)readingCount });
    }

    /// <summary>Waits for every batch in flight. Throws if any failed to commit; the rest are settled regardless.</summary>
    public async Task DrainAsync()
    {
        Exception? failure = null;
        while (_inFlight.TryDequeue(out var request))
        {
            try
            {
                Tally(request, await request.Completion);
            }
            catch (Exception ex) when (ex is StorageUnavailableException or StorageDamagedException)
            {
                failure ??= ex;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }

        ThrowIfFenced();
    }

    public Wire.UploadAck BuildAck(long settledSequence)
    {
        _ack.CommittedSequence = (ulong)Math.Max(settledSequence, 0);
        return _ack;
    }

    private void Tally(CommitRequest request, CommitOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case CommitOutcomeKind.Committed:
                _ack.BatchesCommitted++;
                _ack.ReadingsCommitted += (ulong)outcome.ReadingCount;
                break;
            case CommitOutcomeKind.Duplicate:
                _ack.DuplicateBatches++;
                _ack.DuplicateReadings += (ulong)outcome.ReadingCount;
                break;
            case CommitOutcomeKind.Rejected:
                RejectSettled(request.Sequence, outcome);
                break;
            case CommitOutcomeKind.Fenced:
                _fencedReason ??= outcome.RejectionReason;
                break;
        }

        if (outcome.Gap is { } gap)
        {
            _ack.Gaps.Add(new Wire.SequenceGap { FirstSequence = (ulong)gap.FirstSequence, LastSequence = (ulong)gap.LastSequence });
        }
    }

    /// <summary>A batch of a superseded session ends the stream: nothing of it may be acknowledged any more.</summary>
    private void ThrowIfFenced()
    {
        if (_fencedReason is not null)
        {
            throw RpcErrors.Aborted(_fencedReason);
        }
    }

    private void RejectSettled(long sequence, CommitOutcome outcome) =>
        _ack.Rejected.Add(new Wire.RejectedBatch
        {
            Sequence = (ulong)sequence,
            Code = (int)(outcome.Rejection switch
            {
                RejectionKind.ContentConflict => Grpc.Core.StatusCode.AlreadyExists,
                RejectionKind.AlreadySettled => Grpc.Core.StatusCode.FailedPrecondition,
                _ => Grpc.Core.StatusCode.InvalidArgument,
            }),
            Reason = outcome.RejectionReason ?? "",
            ReadingCount = (uint)outcome.ReadingCount,
        });
}
