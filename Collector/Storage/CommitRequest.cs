using Ingest.Collector.Model;

namespace Ingest.Collector.Storage;

/// <summary>
/// One batch waiting to be settled by the commit pipeline: either a valid batch to store, or a batch
/// refused for its content whose sequence is settled as rejected.
/// </summary>
internal sealed class CommitRequest
{
    private readonly TaskCompletionSource<CommitOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CommitRequest(
        string sensorId, long sequence, int readingCount, ReadingBatch? batch, string? rejectionReason, long enqueuedTimestamp, CommitStream? stream)
    {
        Stream = stream;
        SensorId = sensorId;
        Sequence = sequence;
        ReadingCount = readingCount;
        Batch = batch;
        RejectionReason = rejectionReason;
        EnqueuedTimestamp = enqueuedTimestamp;
    }

    public string SensorId { get; }

    public long Sequence { get; }

    public int ReadingCount { get; }

    /// <summary>The batch to store; null when the batch is rejected.</summary>
    public ReadingBatch? Batch { get; }

    public string? RejectionReason { get; }

    /// <summary>When the request was queued, from <see cref="TimeProvider.GetTimestamp"/>.</summary>
    public long EnqueuedTimestamp { get; }

    /// <summary>The stream the batch came on; null for a request of its own (e.g. in tests).</summary>
    public CommitStream? Stream { get; }

    public Task<CommitOutcome> Completion => _completion.Task;

    public static CommitRequest Store(ReadingBatch batch, long enqueuedTimestamp, CommitStream? stream = null) =>
        new(batch.SensorId, batch.Sequence, batch.Count, batch, null, enqueuedTimestamp, stream);

    public static CommitRequest Reject(string sensorId, long sequence, int readingCount, string reason, long enqueuedTimestamp, CommitStream? stream = null) =>
        new(sensorId, sequence, readingCount, null, reason, enqueuedTimestamp, stream);

    public void Complete(CommitOutcome outcome) => _completion.TrySetResult(outcome);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
