using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace Ingest.Collector.Hosting;

/// <summary>
/// Adds each method a generated <c>BindService</c> names to the service's routes, invoking the service's
/// override of it, with its request marshaller guarded by <see cref="RequestParsing"/>.
/// </summary>
internal sealed class ParsedRequestBinder<TService>(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        context.AddUnaryMethod(Guard(method), Metadata(method), Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(method, typeof(TRequest), typeof(ServerCallContext)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        context.AddClientStreamingMethod(Guard(method), Metadata(method),
            Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        context.AddServerStreamingMethod(Guard(method), Metadata(method),
            Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        context.AddDuplexStreamingMethod(Guard(method), Metadata(method),
            Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

    private static Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, RequestParsing.Guard(method.RequestMarshaller, method.FullName), method.ResponseMarshaller);

    private static MethodInfo? Implementation(IMethod method, Type[] parameters) =>
        typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters);

    /// <summary>The attributes of the service and its method (authorization, CORS and the like) and POST, as grpc-dotnet gives them.</summary>
    private static List<object> Metadata(IMethod method)
    {
        var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
        if (Implementation(method, FindParameters(method)) is { } implementation)
        {
            metadata.AddRange(implementation.GetCustomAttributes(inherit: true));
        }

        metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return metadata;
    }

    private static Type[] FindParameters(IMethod method) =>
        typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m => m.Name == method.Name && m.DeclaringType != typeof(object)) is { } found
            ? found.GetParameters().Select(p => p.ParameterType).ToArray()
            : [];

    /// <summary>
    /// An open-instance delegate to the service's method; a method the service does not override calls the
    /// generated base, which answers Unimplemented as usual.
    /// </summary>
    private static TDelegate Invoker<TDelegate>(IMethod method, params Type[] parameters)
        where TDelegate : Delegate
    {
        var implementation = Implementation(method, parameters)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {method.Name} for {method.FullName}");
        return implementation.CreateDelegate<TDelegate>();
    }
}
