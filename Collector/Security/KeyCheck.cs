using Grpc.Core;
using Ingest.Collector.Diagnostics;

namespace Ingest.Collector.Security;

/// <summary>
/// The one decision on a call's key, made by <see cref="KeyGate"/> at the request's headers (before its body is read)
/// and again by <see cref="KeyInterceptor"/> for a call that reached gRPC without the gate: Unauthenticated without a
/// known key, PermissionDenied for the wrong role (<see cref="MethodPolicies"/>). Each refusal is logged at Debug and
/// counted; a warning with the count is due at most once per reason per <see cref="RefusedCalls.WarningInterval"/>.
/// </summary>
internal sealed class KeyCheck(KeyTable keys, RefusedCalls refused, ILogger<KeyCheck> logger)
{
    public const string Header = "authorization";
    private const string Scheme = "Bearer ";

    /// <summary>
    /// Null when a call to <paramref name="method"/> with <paramref name="authorization"/> may go on (then
    /// <paramref name="caller"/> is its caller, or null on an open health or reflection method); else the status to refuse it with.
    /// </summary>
    public Status? Refusal(string method, string? authorization, string peer, out Caller? caller)
    {
        ArgumentNullException.ThrowIfNull(method);
        caller = null;
        var policy = MethodPolicies.For(method);
        if ((policy == CallPolicy.Health && keys.Health == AccessMode.Open) || (policy == CallPolicy.Reflection && keys.Reflection == AccessMode.Open))
        {
            return null;
        }

        var reason = KeyMessages.NoKey;
        if (authorization is not null)
        {
            var key = authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..].Trim() : "";
            reason = key.Length == 0 ? KeyMessages.Malformed : KeyMessages.UnknownKey;
            caller = key.Length == 0 ? null : keys.Find(key);
        }

        if (caller is null)
        {
            WarnWhenDue(RefusedCalls.Unauthenticated, method, peer, reason);
            return new Status(StatusCode.Unauthenticated, reason);
        }

        if (!MethodPolicies.Permits(policy, caller.Role))
        {
            var denied = $"the {caller.Role.ToString().ToLowerInvariant()} key '{caller.Name}' may not call {MethodPolicies.Display(method)}; it needs {MethodPolicies.Needs(policy)}";
            Denied(method, peer, caller.Name, denied);
            caller = null;
            return new Status(StatusCode.PermissionDenied, denied);
        }

        return null;
    }

    /// <summary>Logs and counts a PermissionDenied, made here or by a service (a sensor key sending as another sensor).</summary>
    public void Denied(string method, string peer, string keyName, string reason)
    {
        WarnWhenDue(RefusedCalls.PermissionDenied, method, peer, $"key '{keyName}': {reason}");
    }

    private void WarnWhenDue(string reason, string method, string peer, string detail)
    {
        if (refused.Count(reason) is > 0 and var count)
        {
            SecurityLog.CallsRefused(logger, reason, count, method, peer, detail);
        }
    }
}
