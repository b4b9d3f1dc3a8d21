using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Batches whose readings line up with 1 s, 10 s and 60 s windows: each covers one whole second after <see cref="Start"/>.</summary>
public static class AlignedBatches
{
    /// <summary>A whole minute well inside the accepted time range.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds() / 60 * 60);

    public static long StartMicros => Start.ToUnixTimeMilliseconds() * 1000;

    /// <summary>Readings 10 ms apart from <paramref name="second"/> seconds after <see cref="Start"/>; values 0, 1, 2, … plus <paramref name="offset"/>.</summary>
    public static Wire.ReadingBatch Second(string sensorId, ulong sequence, int second, int count = 100, double offset = 0)
    {
        var readings = new Wire.PackedReadings { BaseTimeUnixMicros = StartMicros + (second * 1_000_000L) };
        for (var i = 0; i < count; i++)
        {
            readings.TimeDeltasMicros.Add(i == 0 ? 0 : 10_000);
            readings.Values.Add(offset + i);
        }

        return new Wire.ReadingBatch { SensorId = sensorId, Sequence = sequence, Readings = readings };
    }

    /// <summary>Sequences <paramref name="first"/>..<paramref name="last"/>, sequence n covering second n - 1.</summary>
    public static IEnumerable<Wire.ReadingBatch> Seconds(string sensorId, ulong first, ulong last, int count = 100)
    {
        for (var sequence = first; sequence <= last; sequence++)
        {
            yield return Second(sensorId, sequence, (int)sequence - 1, count);
        }
    }
}
