using Ingest.Collector.Model;

namespace Ingest.Collector.Ingestion;

/// <summary>The result of validating one batch: the batch, or why it is rejected.</summary>
internal readonly record struct BatchValidation(ReadingBatch? Batch, string? RejectionReason, int ReadingCount)
{
    public bool IsValid => Batch is not null;

    public static BatchValidation Accept(ReadingBatch batch) => new(batch, null, batch.Count);

    public static BatchValidation Reject(int readingCount, string reason) => new(null, reason, readingCount);
}
