using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.DesiredState;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Model;
using Ingest.Collector.Security;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Greeting;

/// <summary>
/// <c>Greeter.Greet</c>: the health handshake that tells a sensor where to resume and which configuration
/// version it should run (registering it as known). A viewer or admin key (a dashboard's handshake) gets the
/// collector's identity and time, and registers nothing.
/// </summary>
internal sealed class GreeterService(
    SequenceLedger ledger,
    SensorDirectory directory,
    DesiredConfigs desired,
    CollectorIdentity identity,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<GreeterService> logger) : Wire.Greeter.GreeterBase
{
    public override async Task<Wire.GreetReply> Greet(Wire.GreetRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }

        ProtocolVersion.EnsureSupported(request.ProtocolVersion);
        if (SensorId.Validate(request.SensorId) is { } idError)
        {
            throw RpcErrors.InvalidArgument(idError);
        }

        if (SensorId.ValidateKind(request.Kind) is { } kindError)
        {
            throw RpcErrors.InvalidArgument(kindError);
        }

        if (!SensorAccess.IsSensor(context))
        {
            return Handshake(request);
        }

        SensorAccess.EnsureMaySendAs(context, request.SensorId);

        directory.Register(request.SensorId, request.Kind);
        DesiredConfig config;
        try
        {
            config = await desired.ObserveAsync(request.SensorId, request.Kind, context.CancellationToken);
        }
        catch (StorageUnavailableException ex)
        {
            throw RpcErrors.Unavailable($"{ex.Message}; greet again");
        }

        var settled = ledger.Get(request.SensorId);
        CollectorLog.Greeted(logger, request.SensorId, request.Kind, request.ClientVersion, settled);
        return new Wire.GreetReply
        {
            Accepted = true,
            CollectorInstanceId = identity.InstanceId,
            CollectorVersion = identity.Version,
            ServerTime = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
            CommittedSequence = (ulong)settled,
            DesiredConfigVersion = (ulong)config.Version,
            Message = settled == 0
                ? $"welcome, {request.SensorId}: start at sequence 1"
                : $"welcome back, {request.SensorId}: resume at sequence {settled + 1}",
        };
    }

    private Wire.GreetReply Handshake(Wire.GreetRequest request) => new()
    {
        Accepted = true,
        CollectorInstanceId = identity.InstanceId,
        CollectorVersion = identity.Version,
        ServerTime = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
        Message = $"welcome, {request.SensorId}: this key may watch, not send",
    };
}
