using Ingest.SensorSimulator.Model;


namespace Ingest.SensorSimulator.Spool;

/// <summary>What the spool recovered for one sensor when it was opened.</summary>
/// <param name="SensorId">The sensor.</param>
/// <param name="HighestSequence">
/// The highest sequence the sensor ever sealed, even when every batch was settled: the next batch is
/// numbered after it. 0 when the spool knows nothing of the sensor.
/// </param>
/// <param name="Unsettled">
/// The batches sealed and not settled, in sequence order, exactly as written: to be resent with their
/// original sequences. They are in the spool already: the caller marks them settled, it does not append them.
/// </param>
/// <param name="Unkept">
/// The batches sealed and not settled whose readings the spool did not keep (<see cref="SpoolOptions.KeepReadings"/>
/// off), in sequence order: they cannot be resent, only reported lost and settled by what the collector says became
/// of them. Like <paramref name="Unsettled"/>, the caller marks them settled.
/// </param>
internal sealed record RecoveredSensor(
    string SensorId,
    ulong HighestSequence,
    IReadOnlyList<SealedBatch> Unsettled,
    IReadOnlyList<(ulong Sequence, int ReadingCount)> Unkept);
