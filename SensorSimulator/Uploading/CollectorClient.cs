using Grpc.Core;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Fleet;
using Ingest.ServiceDefaults.Grpc;

namespace Ingest.SensorSimulator.Uploading;

/// <summary>
/// The collector's Greeter and Ingestion services over one shared channel, with the protocol's
/// headers and a deadline on every call. Generated types stay behind this class.
/// </summary>
internal sealed class CollectorClient
{
    private static readonly string ClientVersion =
        typeof(CollectorClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly Greeter.GreeterClient _greeter;
    private readonly Ingestion.IngestionClient _ingestion;
    private readonly TimeProvider _time;

    public CollectorClient(CallInvoker invoker, TimeProvider time)
    {
        _greeter = new Greeter.GreeterClient(invoker);
        _ingestion = new Ingestion.IngestionClient(invoker);
        _time = time;
    }

    public async Task<GreetResult> GreetAsync(SensorIdentity sensor, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var request = new GreetRequest
        {
            SensorId = sensor.SensorId,
            Kind = sensor.Kind,
            ClientVersion = ClientVersion,
            ProtocolVersion = WireProtocol.Version,
        };
        var reply = await _greeter.GreetAsync(
            request, headers: WireProtocol.Headers(), deadline: Deadline(timeout), cancellationToken: cancellationToken);
        if (reply.Accepted && reply.DesiredConfigVersion == 0)
        {
            // A sensor key's greeting makes the sensor known (version at least 1); a viewer's or admin's is only a
            // handshake, and every upload with that key would be refused.
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"the collector answered {sensor.SensorId}'s greeting as a viewer's or admin's handshake ({reply.Message}); the key is not a sensor key"));
        }

        return new GreetResult(reply.Accepted, reply.CommittedSequence, reply.CollectorInstanceId, reply.Message);
    }

    public UploadStream OpenUpload(SensorIdentity sensor, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var call = _ingestion.Upload(
            headers: WireProtocol.Headers(), deadline: Deadline(timeout), cancellationToken: cancellationToken);
        return new UploadStream(call, sensor.SensorId);
    }

    private DateTime Deadline(TimeSpan timeout) => _time.GetUtcNow().UtcDateTime + timeout;
}
