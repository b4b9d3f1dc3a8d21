using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Model;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Greeting;

/// <summary><c>Greeter.Greet</c>: the health handshake that tells a sensor where to resume.</summary>
internal sealed class GreeterService(
    SequenceLedger ledger,
    SensorDirectory directory,
    CollectorIdentity identity,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<GreeterService> logger) : Wire.Greeter.GreeterBase
{
    public override Task<Wire.GreetReply> Greet(Wire.GreetRequest request, ServerCallContext context)
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

        directory.Register(request.SensorId, request.Kind);
        var settled = ledger.Get(request.SensorId);
        CollectorLog.Greeted(logger, request.SensorId, request.Kind, request.ClientVersion, settled);
        return Task.FromResult(new Wire.GreetReply
        {
            Accepted = true,
            CollectorInstanceId = identity.InstanceId,
            CollectorVersion = identity.Version,
            ServerTime = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
            CommittedSequence = (ulong)settled,
            DesiredConfigVersion = 0,
            Message = settled == 0
                ? $"welcome, {request.SensorId}: start at sequence 1"
                : $"welcome back, {request.SensorId}: resume at sequence {settled + 1}",
        });
    }
}
