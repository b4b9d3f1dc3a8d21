using Grpc.Core;
using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Scale;

/// <summary>The collector's services the scale run's sensors call, all over one shared channel.</summary>
internal sealed class ScaleClients(CallInvoker invoker)
{
    public Control.ControlClient Control { get; } = new(invoker);

    public Greeter.GreeterClient Greeter { get; } = new(invoker);

    public Ingestion.IngestionClient Ingestion { get; } = new(invoker);
}
