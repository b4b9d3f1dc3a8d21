namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>One simulated sensor's counts in the simulator's ledger.</summary>
internal sealed record SensorLedger(
    string SensorId,
    string Kind,
    long Sampled,
    long Acked,
    long Dropped,
    long Rejected,
    long Lost,
    long Recovered,
    long Unacked,
    long Retries,
    long LastSequence,
    long FirstSequence,
    long AckedSequence,
    long DroppedBatches);
