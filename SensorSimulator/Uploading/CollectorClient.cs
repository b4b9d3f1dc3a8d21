using Grpc.Core;
using Ingest.Protocol;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Model;

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

    /// <summary>
    /// Greets as <paramref name="sensor"/>, opening its next session; asks for the outcomes of the sequences from
    /// <paramref name="firstUnsettled"/> on (0: none), listing the <paramref name="held"/> batches sent from there with
    /// their readings' checksums, and reports sequences up to <paramref name="lostThrough"/> lost (0: none).
    /// </summary>
    public async Task<GreetResult> GreetAsync(
        SensorIdentity sensor, ulong firstUnsettled, ulong lostThrough, IReadOnlyList<(ulong Sequence, ulong Checksum)> held,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(sensor);
        var request = new GreetRequest
        {
            SensorId = sensor.SensorId,
            Kind = sensor.Kind,
            ClientVersion = ClientVersion,
            ProtocolVersion = WireProtocol.Version,
            FirstUnsettledSequence = firstUnsettled,
            LostThroughSequence = lostThrough,
        };
        request.Held.AddRange(held.Select(h => new HeldBatch { Sequence = h.Sequence, Checksum = h.Checksum }));
        var reply = await _greeter.GreetAsync(
            request, headers: WireProtocol.Headers(), deadline: Deadline(timeout), cancellationToken: cancellationToken);
        if (reply.Accepted && reply.DesiredConfigVersion == 0)
        {
            // A sensor key's greeting makes the sensor known (version at least 1); a viewer's or admin's is only a
            // handshake, and every upload with that key would be refused.
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"the collector answered {sensor.SensorId}'s greeting as a viewer's or admin's handshake ({reply.Message}); the key is not a sensor key"));
        }

        var rejected = new HashSet<ulong>(reply.Rejected.Select(r => r.Sequence));
        var lost = reply.Gaps.Select(g => (g.FirstSequence, g.LastSequence)).ToList();
        return new GreetResult(
            reply.Accepted, reply.CommittedSequence, reply.CollectorInstanceId, reply.Message, reply.Session,
            new SettledOutcomes(
                reply.OutcomesThroughSequence, rejected, lost, new HashSet<ulong>(reply.ConflictingSequences), new HashSet<ulong>(held.Select(h => h.Sequence))));
    }

    /// <summary>Opens an upload stream whose batches carry <paramref name="session"/>.</summary>
    public UploadStream OpenUpload(SensorIdentity sensor, ulong session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var call = _ingestion.Upload(
            headers: WireProtocol.Headers(), deadline: Deadline(timeout), cancellationToken: cancellationToken);
        return new UploadStream(call, sensor.SensorId, session);
    }

    private DateTime Deadline(TimeSpan timeout) => _time.GetUtcNow().UtcDateTime + timeout;
}
