using Google.Protobuf;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Robustness;

/// <summary>
/// A collector method called with raw bytes instead of a message, so a test can send what no generated
/// client would: the method's name and shape, a valid request, and the parser that reads it.
/// </summary>
internal sealed record RawMethod(string Service, string Name, MethodType Type, IMessage ValidRequest, MessageParser Parser)
{
    /// <summary>Every method the collector serves by default.</summary>
    public static readonly IReadOnlyList<RawMethod> All =
    [
        new("ingest.v1.Greeter", "Greet", MethodType.Unary, IngestionCalls.Greeting("sim-wire"), Wire.GreetRequest.Parser),
        new("ingest.v1.Ingestion", "Upload", MethodType.ClientStreaming, ReadingBatches.Regular("sim-wire", 1), Wire.ReadingBatch.Parser),
        new("ingest.v1.Ingestion", "Write", MethodType.Unary, ReadingBatches.Regular("sim-wire", 1), Wire.ReadingBatch.Parser),
        new("ingest.v1.Aggregates", "Subscribe", MethodType.ServerStreaming, new Wire.SubscribeRequest { SensorIds = { "sim-*" } }, Wire.SubscribeRequest.Parser),
        new("ingest.v1.Control", "Connect", MethodType.DuplexStreaming, Infrastructure.ControlLink.Hello("sim-wire"), Wire.SensorMessage.Parser),
        new("ingest.v1.Query", "ReadReadings", MethodType.ServerStreaming, new Wire.ReadReadingsRequest { SensorId = "sim-wire" }, Wire.ReadReadingsRequest.Parser),
        new("ingest.v1.Admin", "SetConfigOverride", MethodType.Unary,
            new Wire.SetConfigOverrideRequest { Scope = new Wire.ConfigScope { SensorId = "sim-wire" }, Settings = { ["BatchSize"] = "10" } }, Wire.SetConfigOverrideRequest.Parser),
        new("ingest.v1.Admin", "RemoveConfigOverride", MethodType.Unary,
            new Wire.RemoveConfigOverrideRequest { Scope = new Wire.ConfigScope { SensorId = "sim-wire" } }, Wire.RemoveConfigOverrideRequest.Parser),
        new("ingest.v1.Admin", "GetSensorConfig", MethodType.Unary, new Wire.GetSensorConfigRequest { SensorId = "sim-wire" }, Wire.GetSensorConfigRequest.Parser),
        new("ingest.v1.Admin", "ListSensors", MethodType.Unary, new Wire.ListSensorsRequest { SensorIds = { "sim-*" } }, Wire.ListSensorsRequest.Parser),
        new("ingest.v1.Admin", "ListConfigOverrides", MethodType.Unary, new Wire.ListConfigOverridesRequest(), Wire.ListConfigOverridesRequest.Parser),
        new("ingest.v1.Admin", "SendCommand", MethodType.Unary,
            new Wire.SendCommandRequest { Scope = new Wire.ConfigScope { All = true }, Command = Wire.SensorCommandKind.Flush }, Wire.SendCommandRequest.Parser),
    ];

    public string FullName => $"/{Service}/{Name}";

    public override string ToString() => FullName;

    /// <summary>Sends <paramref name="payload"/> as the call's one request message and returns the status the call ends with.</summary>
    public async Task<Status> CallAsync(CallInvoker invoker, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        var method = new Method<byte[], byte[]>(Type, Service, Name, Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var options = new CallOptions(WireProtocol.Headers(), DateTime.UtcNow.Add(Eventually.DefaultTimeout));
        try
        {
            switch (Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, payload);
                    break;
                case MethodType.ClientStreaming:
                {
                    using var call = invoker.AsyncClientStreamingCall(method, null, options);
                    await WriteQuietlyAsync(call.RequestStream, payload);
                    await call;
                    break;
                }

                case MethodType.ServerStreaming:
                {
                    using var call = invoker.AsyncServerStreamingCall(method, null, options, payload);
                    // A valid subscription never ends by itself: the first message proves it was read.
                    await call.ResponseStream.MoveNext(CancellationToken.None);
                    return Status.DefaultSuccess;
                }

                case MethodType.DuplexStreaming:
                {
                    using var call = invoker.AsyncDuplexStreamingCall(method, null, options);
                    await WriteQuietlyAsync(call.RequestStream, payload);
                    while (await call.ResponseStream.MoveNext(CancellationToken.None))
                    {
                        // A welcome means the hello was read; the stream stays open for more.
                        return Status.DefaultSuccess;
                    }

                    return call.GetStatus();
                }
            }

            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private static async Task WriteQuietlyAsync(IClientStreamWriter<byte[]> stream, byte[] payload)
    {
        try
        {
            await stream.WriteAsync(payload);
            await stream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The collector ended the call while we were still writing: its status says why.
        }
    }
}
