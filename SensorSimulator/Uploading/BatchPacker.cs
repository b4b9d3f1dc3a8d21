using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Model;

namespace Ingest.SensorSimulator.Uploading;

/// <summary>
/// Maps a sealed batch to its wire form: the first reading's time as the base, then the delta of each
/// reading from the one before (the first delta is 0). Regular sampling gives constant deltas, so a
/// reading costs its 8-byte value and a short varint.
/// </summary>
internal static class BatchPacker
{
    public static ReadingBatch Pack(string sensorId, SealedBatch batch, ulong session)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var readings = batch.Readings;
        var packed = new PackedReadings
        {
            BaseTimeUnixMicros = readings.Count > 0 ? readings[0].TimestampMicros : 0,
        };
        var previous = packed.BaseTimeUnixMicros;
        foreach (var reading in readings)
        {
            packed.TimeDeltasMicros.Add(reading.TimestampMicros - previous);
            packed.Values.Add(reading.Value);
            previous = reading.TimestampMicros;
        }

        return new ReadingBatch { SensorId = sensorId, Sequence = batch.Sequence, Readings = packed, Session = session };
    }
}
