using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Ingest.Collector.Security;

/// <summary>
/// Attaches the caller of every call, of all four kinds, for the services' sensor check (<see cref="SensorAccess"/>).
/// <see cref="KeyGate"/> has checked the key at the request's headers and left the caller on the request; a call that
/// did not pass the gate is checked here (<see cref="KeyCheck"/>), so that no call is ever let through unchecked.
/// </summary>
internal sealed class KeyInterceptor(KeyCheck check) : Interceptor
{
    public const string Header = KeyCheck.Header;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Admit(context);
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException ex) when (Denied(ex, context))
        {
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Admit(context);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (RpcException ex) when (Denied(ex, context))
        {
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Admit(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RpcException ex) when (Denied(ex, context))
        {
            throw;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Admit(context);
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (RpcException ex) when (Denied(ex, context))
        {
            throw;
        }
    }

    private void Admit(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (KeyGate.Admitted(context.GetHttpContext(), out var caller))
        {
            if (caller is not null)
            {
                SensorAccess.Attach(context, caller);
            }

            return;
        }

        if (check.Refusal(context.Method, context.RequestHeaders.GetValue(Header), context.Peer, out caller) is { } refusal)
        {
            throw new RpcException(refusal);
        }

        if (caller is not null)
        {
            SensorAccess.Attach(context, caller);
        }
    }

    /// <summary>Logs a refusal a service made (a sensor key sending as another sensor) with the key's name; never catches.</summary>
    private bool Denied(RpcException exception, ServerCallContext context)
    {
        if (exception.StatusCode == StatusCode.PermissionDenied)
        {
            check.Denied(context.Method, context.Peer, SensorAccess.Find(context)?.Name ?? "(none)", exception.Status.Detail);
        }

        return false;
    }
}
