using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Ingest.Collector.Calls;

namespace Ingest.Collector.Hosting;

/// <summary>
/// Adds each method a generated <c>BindService</c> names to the service's routes, invoking the service's
/// override of it, with its request marshaller guarded by <see cref="RequestParsing"/>.
/// </summary>
internal sealed class ParsedRequestBinder<TService>(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var implementation = Implementation(method, typeof(TRequest), typeof(ServerCallContext));
        context.AddUnaryMethod(Guard(method), Metadata(implementation), implementation.CreateDelegate<UnaryServerMethod<TService, TRequest, TResponse>>());
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var implementation = Implementation(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        context.AddClientStreamingMethod(Guard(method), Metadata(implementation), implementation.CreateDelegate<ClientStreamingServerMethod<TService, TRequest, TResponse>>());
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var implementation = Implementation(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddServerStreamingMethod(Guard(method), Metadata(implementation), implementation.CreateDelegate<ServerStreamingServerMethod<TService, TRequest, TResponse>>());
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var implementation = Implementation(method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddDuplexStreamingMethod(Guard(method), Metadata(implementation), implementation.CreateDelegate<DuplexStreamingServerMethod<TService, TRequest, TResponse>>());
    }

    private static Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, RequestParsing.Guard(method.RequestMarshaller, method.FullName), method.ResponseMarshaller);

    /// <summary>
    /// The service's method for <paramref name="method"/>, found once by its exact signature (an overload of the
    /// same name is never taken), for both its metadata and its invoker. A method the service does not
    /// override is the generated base's, which answers Unimplemented as usual.
    /// </summary>
    private static MethodInfo Implementation(IMethod method, params Type[] parameters) =>
        typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {method.Name} for {method.FullName}");

    /// <summary>The attributes of the service and its method (authorization, CORS and the like) and POST, as grpc-dotnet gives them.</summary>
    private static List<object> Metadata(MethodInfo implementation)
    {
        var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
        metadata.AddRange(implementation.GetCustomAttributes(inherit: true));
        metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return metadata;
    }
}
