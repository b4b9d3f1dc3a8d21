using System.Runtime.CompilerServices;
using Grpc.Core;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Grpc;

/// <summary>The collector's Greeter and Aggregates services over the shared channel. Generated types stay here.</summary>
internal sealed class GrpcCollectorFeed : ICollectorFeed
{
    private readonly Wire.Greeter.GreeterClient _greeter;
    private readonly Wire.Aggregates.AggregatesClient _aggregates;
    private readonly string _sensorId;
    private readonly TimeSpan _greetTimeout;
    private readonly TimeProvider _time;

    public GrpcCollectorFeed(CallInvoker invoker, string sensorId, TimeSpan greetTimeout, TimeProvider time)
    {
        _greeter = new Wire.Greeter.GreeterClient(invoker);
        _aggregates = new Wire.Aggregates.AggregatesClient(invoker);
        _sensorId = sensorId;
        _greetTimeout = greetTimeout;
        _time = time;
    }

    public async Task<CollectorIdentity> GreetAsync(CancellationToken cancellationToken)
    {
        var request = new Wire.GreetRequest
        {
            SensorId = _sensorId,
            Kind = DashboardIdentity.Kind,
            ClientVersion = DashboardIdentity.ClientVersion,
            ProtocolVersion = WireProtocol.Version,
        };
        var reply = await _greeter.GreetAsync(
            request,
            WireProtocol.Headers(),
            _time.GetUtcNow().UtcDateTime + _greetTimeout,
            cancellationToken);
        return reply.Accepted
            ? new CollectorIdentity(reply.CollectorInstanceId, reply.CollectorVersion)
            : throw new GreetRefusedException(string.IsNullOrWhiteSpace(reply.Message) ? "not accepted" : reply.Message);
    }

    public async IAsyncEnumerable<DashboardUpdate> SubscribeAsync(
        SubscriptionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _aggregates.Subscribe(
            UpdateMapper.ToWire(request), WireProtocol.Headers(), cancellationToken: cancellationToken);
        await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (UpdateMapper.ToModel(update) is { } mapped)
            {
                yield return mapped;
            }
        }
    }
}
