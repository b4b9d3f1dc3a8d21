using System.Collections.Frozen;

namespace Ingest.Collector.Security;

/// <summary>
/// The policy of every method the collector serves, by full method name. A method not listed needs an admin
/// key, so that a method added later is closed until someone decides who may call it.
/// </summary>
internal static class MethodPolicies
{
    private const string HealthService = "/grpc.health.v1.Health/";
    private const string ReflectionV1 = "/grpc.reflection.v1.ServerReflection/";
    private const string ReflectionV1Alpha = "/grpc.reflection.v1alpha.ServerReflection/";

    private static readonly FrozenDictionary<string, CallPolicy> Methods = new Dictionary<string, CallPolicy>(StringComparer.Ordinal)
    {
        ["/ingest.v1.Greeter/Greet"] = CallPolicy.Greeting,
        ["/ingest.v1.Ingestion/Upload"] = CallPolicy.Sensor,
        ["/ingest.v1.Ingestion/Write"] = CallPolicy.Sensor,
        ["/ingest.v1.Control/Connect"] = CallPolicy.Sensor,
        ["/ingest.v1.Sink/Discard"] = CallPolicy.Sensor,
        ["/ingest.v1.Aggregates/Subscribe"] = CallPolicy.Viewer,
        ["/ingest.v1.Query/ReadReadings"] = CallPolicy.Viewer,
        ["/ingest.v1.Admin/SetConfigOverride"] = CallPolicy.Admin,
        ["/ingest.v1.Admin/RemoveConfigOverride"] = CallPolicy.Admin,
        ["/ingest.v1.Admin/GetSensorConfig"] = CallPolicy.Admin,
        ["/ingest.v1.Admin/ListSensors"] = CallPolicy.Admin,
        ["/ingest.v1.Admin/ListConfigOverrides"] = CallPolicy.Admin,
        ["/ingest.v1.Admin/SendCommand"] = CallPolicy.Admin,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static CallPolicy For(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (Methods.TryGetValue(method, out var policy))
        {
            return policy;
        }

        if (method.StartsWith(HealthService, StringComparison.Ordinal))
        {
            return CallPolicy.Health;
        }

        return method.StartsWith(ReflectionV1, StringComparison.Ordinal) || method.StartsWith(ReflectionV1Alpha, StringComparison.Ordinal)
            ? CallPolicy.Reflection
            : CallPolicy.Admin;
    }

    /// <summary>Whether a key of <paramref name="role"/> may call a method of <paramref name="policy"/>.</summary>
    public static bool Permits(CallPolicy policy, CallerRole role) => policy switch
    {
        CallPolicy.Sensor => role == CallerRole.Sensor,
        CallPolicy.Viewer => role is CallerRole.Viewer or CallerRole.Admin,
        CallPolicy.Greeting or CallPolicy.Health or CallPolicy.Reflection => true,
        _ => role == CallerRole.Admin,
    };

    /// <summary>What a refused caller needs, e.g. "an admin key".</summary>
    public static string Needs(CallPolicy policy) => policy switch
    {
        CallPolicy.Sensor => "a sensor key",
        CallPolicy.Viewer => "a viewer or admin key",
        _ => "an admin key",
    };

    /// <summary>"/ingest.v1.Admin/SetConfigOverride" as "Admin.SetConfigOverride".</summary>
    public static string Display(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var trimmed = method.TrimStart('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return trimmed;
        }

        var service = trimmed[..slash];
        return $"{service[(service.LastIndexOf('.') + 1)..]}.{trimmed[(slash + 1)..]}";
    }
}
