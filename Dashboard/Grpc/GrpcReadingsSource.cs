using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Dashboard.Export;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Grpc;

/// <summary>The collector's Query service over the shared channel.</summary>
internal sealed class GrpcReadingsSource : IReadingsSource
{
    private readonly Wire.Query.QueryClient _query;

    public GrpcReadingsSource(CallInvoker invoker)
    {
        _query = new Wire.Query.QueryClient(invoker);
    }

    public async IAsyncEnumerable<StoredReading> ReadAsync(
        string sensorId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new Wire.ReadReadingsRequest
        {
            SensorId = sensorId,
            From = Timestamp.FromDateTimeOffset(from),
            To = Timestamp.FromDateTimeOffset(to),
        };
        using var call = _query.ReadReadings(request, WireProtocol.Headers(), cancellationToken: cancellationToken);
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (chunk.Readings is null)
            {
                continue;
            }

            foreach (var reading in ReadingsUnpacker.Unpack(chunk.Readings))
            {
                yield return reading;
            }
        }
    }
}
