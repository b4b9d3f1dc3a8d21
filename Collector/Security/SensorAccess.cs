using Grpc.Core;
using Ingest.Collector.Errors;

namespace Ingest.Collector.Security;

/// <summary>
/// Where services find the caller the key interceptor admitted (in the call's <see cref="ServerCallContext.UserState"/>),
/// and the check they make where a sensor id becomes known.
/// </summary>
internal static class SensorAccess
{
    private static readonly object StateKey = typeof(CallAccess);

    public static void Attach(ServerCallContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.UserState[StateKey] = new CallAccess(caller);
    }

    /// <summary>The caller of this call; null on a call that needs no key.</summary>
    public static Caller? Find(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(StateKey, out var state) && state is CallAccess access ? access.Caller : null;
    }

    /// <summary>Whether the call's key is a sensor key (a call without an admitted key is not).</summary>
    public static bool IsSensor(ServerCallContext context) => Find(context)?.Role == CallerRole.Sensor;

    /// <summary>
    /// Throws PermissionDenied unless the call's key may send as <paramref name="sensorId"/>; a call that
    /// reached a sensor method without an admitted key is refused too (Unauthenticated), never let through.
    /// </summary>
    public static void EnsureMaySendAs(ServerCallContext context, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.UserState.TryGetValue(StateKey, out var state) || state is not CallAccess access)
        {
            throw RpcErrors.Unauthenticated(KeyMessages.NoKey);
        }

        access.EnsureMaySendAs(sensorId);
    }
}
