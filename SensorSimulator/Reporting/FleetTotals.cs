using Ingest.SensorSimulator.Model;


namespace Ingest.SensorSimulator.Reporting;

/// <summary>Counters summed over a set of sensors.</summary>
internal sealed record FleetTotals(
    int Sensors,
    long Sampled,
    long Acked,
    long Dropped,
    long Rejected,
    long Lost,
    long Recovered,
    long Unacked,
    long Retries,
    long BatchesSent,
    long DroppedBatches,
    int KeyRefusedSensors = 0,
    long Failovers = 0)
{
    public static FleetTotals Of(IEnumerable<SensorSnapshot> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        int count = 0, refused = 0;
        long sampled = 0, acked = 0, dropped = 0, rejected = 0, lost = 0, recovered = 0, unacked = 0, retries = 0, sent = 0, droppedBatches = 0, failovers = 0;
        foreach (var sensor in sensors)
        {
            count++;
            sampled += sensor.Sampled;
            acked += sensor.Acked;
            dropped += sensor.Dropped;
            rejected += sensor.Rejected;
            lost += sensor.Lost;
            recovered += sensor.Recovered;
            unacked += sensor.Unacked;
            retries += sensor.Retries;
            sent += sensor.BatchesSent;
            droppedBatches += sensor.DroppedBatches;
            refused += sensor.KeyRefused ? 1 : 0;
            failovers += sensor.Failovers;
        }

        return new FleetTotals(count, sampled, acked, dropped, rejected, lost, recovered, unacked, retries, sent, droppedBatches, refused, failovers);
    }
}
