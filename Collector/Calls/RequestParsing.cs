using Google.Protobuf;
using Grpc.Core;
using Ingest.Collector.Errors;

namespace Ingest.Collector.Calls;

/// <summary>Turns a request that is no valid protobuf message into InvalidArgument that says so.</summary>
internal static class RequestParsing
{
    public static Marshaller<T> Guard<T>(Marshaller<T> marshaller, string method)
    {
        ArgumentNullException.ThrowIfNull(marshaller);
        var deserialize = marshaller.ContextualDeserializer;
        return new Marshaller<T>(marshaller.ContextualSerializer, context =>
        {
            try
            {
                return deserialize(context);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw RpcErrors.InvalidArgument(
                    $"a request message to {method} could not be deserialized as {typeof(T).Name}: {ex.Message} Send messages built from the ingest.v1 protos.");
            }
        });
    }
}
