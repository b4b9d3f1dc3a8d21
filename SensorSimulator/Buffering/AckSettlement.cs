using Ingest.SensorSimulator.Model;

namespace Ingest.SensorSimulator.Buffering;

/// <summary>What settling one acknowledgement did to the buffer.</summary>
/// <param name="AckedBatches">Batches settled as stored.</param>
/// <param name="RejectedBatches">Batches settled as rejected by the collector.</param>
/// <param name="RejectedReadings">Readings in the rejected batches.</param>
/// <param name="RequeuedBatches">Batches of the stream the acknowledgement did not cover; they will be sent again.</param>
internal readonly record struct AckSettlement(int AckedBatches, int RejectedBatches, int RejectedReadings, int RequeuedBatches)
{
    /// <summary>This settlement and one more batch of <paramref name="readings"/> readings settled as <paramref name="outcome"/>.</summary>
    public AckSettlement Add(BatchOutcome outcome, int readings) => outcome switch
    {
        BatchOutcome.Stored => this with { AckedBatches = AckedBatches + 1 },
        BatchOutcome.Rejected => this with { RejectedBatches = RejectedBatches + 1, RejectedReadings = RejectedReadings + readings },
        _ => this,
    };
}
