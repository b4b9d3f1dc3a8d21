using Grpc.Core;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Streams batches (built by <see cref="ReadingBatches"/>) in one Upload call, and the greeting a sensor opens with.</summary>
public static class IngestionCalls
{
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

    public static Wire.GreetRequest Greeting(string sensorId, string kind = "temperature", uint protocol = 1) =>
        new() { SensorId = sensorId, Kind = kind, ClientVersion = "tests", ProtocolVersion = protocol };
}
