using Ingest.Dashboard.Export;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Grpc;

/// <summary>
/// Reads packed readings back: the first at <c>base + delta[0]</c>, each following one at the previous timestamp
/// plus its delta.
/// </summary>
internal static class ReadingsUnpacker
{
    public static IEnumerable<StoredReading> Unpack(Wire.PackedReadings packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        if (packed.TimeDeltasMicros.Count != packed.Values.Count)
        {
            throw new InvalidDataException(
                $"the collector sent a chunk with {packed.Values.Count} values but {packed.TimeDeltasMicros.Count} timestamps");
        }

        return Enumerate(packed);
    }

    private static IEnumerable<StoredReading> Enumerate(Wire.PackedReadings packed)
    {
        var timestamp = packed.BaseTimeUnixMicros;
        for (var i = 0; i < packed.Values.Count; i++)
        {
            timestamp += packed.TimeDeltasMicros[i];
            yield return new StoredReading(timestamp, packed.Values[i]);
        }
    }
}
