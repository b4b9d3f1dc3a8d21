
namespace Ingest.SensorSimulator.Model;

/// <summary>One sensor's counters at one moment.</summary>
internal sealed record SensorSnapshot(
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
    long BatchesSent,
    ulong LastSequence,
    ulong FirstSequence,
    ulong AckedSequence,
    long DroppedBatches,
    ulong ConfigVersion = 0,
    bool KeyRefused = false,
    long Failovers = 0)
{
    /// <summary>The snapshot of a sensor that runs configuration <paramref name="configVersion"/> (0: its start-up settings).</summary>
    public static SensorSnapshot Of(SensorIdentity identity, SensorCounters counters, ulong configVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(counters);
        return new SensorSnapshot(
            identity.SensorId,
            identity.Kind,
            counters.Sampled,
            counters.Acked,
            counters.Dropped,
            counters.Rejected,
            counters.Lost,
            counters.Recovered,
            counters.Unacked,
            counters.Retries,
            counters.BatchesSent,
            counters.LastSequence,
            counters.FirstSequence,
            counters.AckedSequence,
            counters.DroppedBatches,
            configVersion,
            counters.KeyRefused,
            counters.Failovers);
    }
}
