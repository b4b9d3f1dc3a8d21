using Ingest.Collector.Model;
using Ingest.Collector.Storage;

namespace Ingest.Collector.Commit;

/// <summary>
/// One request waiting to be settled by the commit pipeline, in the order it was queued: a valid batch to store, a
/// batch refused for its content whose sequence is settled as rejected, or a greeting's new session, which is
/// recorded only after everything queued before it (so its resume point is exact).
/// </summary>
internal sealed class CommitRequest
{
    private readonly TaskCompletionSource<CommitOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CommitRequest(
        string sensorId, long sequence, long session, int readingCount, ReadingBatch? batch, string? rejectionReason, SessionOpening? opening,
        long enqueuedTimestamp, CommitStream? stream)
    {
        Stream = stream;
        SensorId = sensorId;
        Sequence = sequence;
        Session = session;
        ReadingCount = readingCount;
        Batch = batch;
        RejectionReason = rejectionReason;
        Opening = opening;
        EnqueuedTimestamp = enqueuedTimestamp;
    }

    public string SensorId { get; }

    /// <summary>The batch's sequence; 0 for a session opening.</summary>
    public long Sequence { get; }

    /// <summary>The session the batch was sent in; 0 when the client does not greet (never fenced).</summary>
    public long Session { get; }

    public int ReadingCount { get; }

    /// <summary>The batch to store; null when the batch is rejected, or for a session opening.</summary>
    public ReadingBatch? Batch { get; }

    public string? RejectionReason { get; }

    /// <summary>The greeting's session to open; null for a batch.</summary>
    public SessionOpening? Opening { get; }

    /// <summary>When the request was queued, from <see cref="TimeProvider.GetTimestamp"/>.</summary>
    public long EnqueuedTimestamp { get; }

    /// <summary>The stream the batch came on; null for a request of its own (a greeting, or in tests).</summary>
    public CommitStream? Stream { get; }

    public Task<CommitOutcome> Completion => _completion.Task;

    public static CommitRequest Store(ReadingBatch batch, long enqueuedTimestamp, CommitStream? stream = null, long session = 0) =>
        new(batch.SensorId, batch.Sequence, session, batch.Count, batch, null, null, enqueuedTimestamp, stream);

    public static CommitRequest Reject(
        string sensorId, long sequence, int readingCount, string reason, long enqueuedTimestamp, CommitStream? stream = null, long session = 0) =>
        new(sensorId, sequence, session, readingCount, null, reason, null, enqueuedTimestamp, stream);

    public static CommitRequest OpenSession(string sensorId, SessionOpening opening, long enqueuedTimestamp) =>
        new(sensorId, 0, 0, 0, null, null, opening, enqueuedTimestamp, null);

    public void Complete(CommitOutcome outcome) => _completion.TrySetResult(outcome);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
