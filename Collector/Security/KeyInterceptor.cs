using Grpc.Core;
using Grpc.Core.Interceptors;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;

namespace Ingest.Collector.Security;

/// <summary>
/// Admits every call, of all four kinds, by the key in its <c>authorization: Bearer &lt;key&gt;</c> header and
/// the role the method needs (<see cref="MethodPolicies"/>): Unauthenticated without a known key,
/// PermissionDenied for the wrong role. The admitted caller is attached to the call for the services'
/// sensor check (<see cref="SensorAccess"/>).
/// </summary>
internal sealed class KeyInterceptor(KeyTable keys, RefusedCalls refused, ILogger<KeyInterceptor> logger) : Interceptor
{
    public const string Header = "authorization";
    private const string Scheme = "Bearer ";

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
        var policy = MethodPolicies.For(context.Method);
        if ((policy == CallPolicy.Health && keys.Health == AccessMode.Open) || (policy == CallPolicy.Reflection && keys.Reflection == AccessMode.Open))
        {
            return;
        }

        var caller = Authenticate(context);
        if (!MethodPolicies.Permits(policy, caller.Role))
        {
            var reason = $"the {caller.Role.ToString().ToLowerInvariant()} key '{caller.Name}' may not call {MethodPolicies.Display(context.Method)}; it needs {MethodPolicies.Needs(policy)}";
            WarnWhenDue(RefusedCalls.PermissionDenied, context, reason);
            throw RpcErrors.PermissionDenied(reason);
        }

        SensorAccess.Attach(context, caller);
    }

    private Caller Authenticate(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue(Header);
        var reason = KeyMessages.NoKey;
        if (header is not null)
        {
            var key = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
            if (key.Length == 0)
            {
                reason = KeyMessages.Malformed;
            }
            else if (keys.Find(key) is { } caller)
            {
                return caller;
            }
            else
            {
                reason = KeyMessages.UnknownKey;
            }
        }

        WarnWhenDue(RefusedCalls.Unauthenticated, context, reason);
        throw RpcErrors.Unauthenticated(reason);
    }

    /// <summary>Logs a refusal a service made (a sensor key sending as another sensor) with the key's name; never catches.</summary>
    private bool Denied(RpcException exception, ServerCallContext context)
    {
        if (exception.StatusCode == StatusCode.PermissionDenied)
        {
            WarnWhenDue(RefusedCalls.PermissionDenied, context, $"key '{SensorAccess.Find(context)?.Name ?? "(none)"}': {exception.Status.Detail}");
        }

        return false;
    }

    private void WarnWhenDue(string reason, ServerCallContext context, string detail)
    {
        if (refused.Count(reason) is > 0 and var count)
        {
            SecurityLog.CallsRefused(logger, reason, count, context.Method, context.Peer, detail);
        }
    }
}
