namespace Ingest.Collector.Storage;

/// <summary>
/// What a sensor's batches came to, as kept in its <c>sensors</c> row: so that the collector's totals survive a
/// restart without counting the chunks again.
/// </summary>
internal readonly record struct SensorTotals(
    long CommittedBatches,
    long CommittedReadings,
    long DuplicateBatches,
    long RejectedBatches,
    long RejectedReadings,
    long LostBatches)
{
    public static SensorTotals operator +(SensorTotals left, SensorTotals right) => new(
        left.CommittedBatches + right.CommittedBatches,
        left.CommittedReadings + right.CommittedReadings,
        left.DuplicateBatches + right.DuplicateBatches,
        left.RejectedBatches + right.RejectedBatches,
        left.RejectedReadings + right.RejectedReadings,
        left.LostBatches + right.LostBatches);
}
