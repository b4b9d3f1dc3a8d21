using Grpc.Core;
using Ingest.Protocol;
using ControlService = Ingest.Protocol.V1.Control;

namespace Ingest.SensorSimulator.Control;

/// <summary>Opens control streams to the collector's Control service over the shared channel, with the protocol's headers.</summary>
internal sealed class ControlConnector
{
    private readonly ControlService.ControlClient _client;
    private readonly TimeProvider _time;

    public ControlConnector(CallInvoker invoker, TimeProvider time)
    {
        _client = new ControlService.ControlClient(invoker);
        _time = time;
    }

    /// <summary>
    /// Opens one stream. It has no deadline: it lives as long as the sensor; <paramref name="abort"/> cancels
    /// the call outright (a polite end completes the request stream instead).
    /// </summary>
    public ControlStream Open(CancellationToken abort) =>
        new(_client.Connect(headers: WireProtocol.Headers(), cancellationToken: abort), _time);
}
