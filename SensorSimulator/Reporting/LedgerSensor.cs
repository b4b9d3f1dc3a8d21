namespace Ingest.SensorSimulator.Reporting;

/// <summary>One sensor in the ledger file.</summary>
/// <param name="LastSequence">The highest sequence this process held (sealed, or recovered from the spool); 0 if none.</param>
/// <param name="FirstSequence">The lowest sequence this process held; every one below it was settled before it started.</param>
/// <param name="AckedSequence">The highest sequence known to be settled by the collector.</param>
/// <param name="Lost">Readings the collector recorded as lost.</param>
/// <param name="Recovered">Readings taken over from the spool of an earlier process (included in <paramref name="Sampled"/>).</param>
/// <param name="DroppedBatches">Batches dropped by the buffer policy.</param>
/// <param name="ConfigVersion">The configuration version the sensor ran at the end; 0 for its start-up settings.</param>
/// <param name="Failovers">Times the sensor moved from one collector to another.</param>
internal sealed record LedgerSensor(
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
    ulong LastSequence,
    ulong FirstSequence,
    ulong AckedSequence,
    long DroppedBatches,
    ulong ConfigVersion,
    long Failovers);
