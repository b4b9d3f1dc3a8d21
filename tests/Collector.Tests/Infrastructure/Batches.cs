using Grpc.Core;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Builds batches and streams them.</summary>
public static class Batches
{
    /// <summary>A moment well inside the accepted time range.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddMinutes(-10);

    /// <summary>A batch of <paramref name="count"/> readings, 10 ms apart.</summary>
    public static Wire.ReadingBatch Regular(string sensorId, ulong sequence, int count = 100, double value = 20.5)
    {
        var readings = new Wire.PackedReadings { BaseTimeUnixMicros = Start.ToUnixTimeMilliseconds() * 1000 + (long)sequence * count * 10_000 };
        for (var i = 0; i < count; i++)
        {
            readings.TimeDeltasMicros.Add(i == 0 ? 0 : 10_000);
            readings.Values.Add(value + i);
        }

        return new Wire.ReadingBatch { SensorId = sensorId, Sequence = sequence, Readings = readings };
    }

    /// <summary>Streams <paramref name="batches"/> in one Upload call and returns its acknowledgement.</summary>
    public static async Task<Wire.UploadAck> UploadAsync(this Wire.Ingestion.IngestionClient client, IEnumerable<Wire.ReadingBatch> batches, Metadata? headers = null)
    {
        using var call = client.Upload(headers, deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            foreach (var batch in batches)
            {
                await call.RequestStream.WriteAsync(batch);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The collector ended the call while we were still writing: its status says why.
        }

        return await call;
    }

    public static IEnumerable<Wire.ReadingBatch> Sequences(string sensorId, ulong first, ulong last, int count = 100)
    {
        for (var sequence = first; sequence <= last; sequence++)
        {
            yield return Regular(sensorId, sequence, count);
        }
    }

    public static Wire.GreetRequest Greeting(string sensorId, string kind = "temperature", uint protocol = 1) =>
        new() { SensorId = sensorId, Kind = kind, ClientVersion = "tests", ProtocolVersion = protocol };
}
