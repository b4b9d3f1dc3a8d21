using Ingest.Collector.Errors;
using Ingest.Collector.Model;
using Ingest.Collector.SensorConfig;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Admin;

/// <summary>Maps the wire's <c>ConfigScope</c> to and from the collector's <see cref="OverrideScope"/>, refusing a bad one.</summary>
internal static class AdminScopes
{
    /// <summary>Reads <paramref name="scope"/>; throws InvalidArgument with what to change when it is not valid.</summary>
    public static OverrideScope Read(Wire.ConfigScope? scope)
    {
        switch (scope?.TargetCase ?? Wire.ConfigScope.TargetOneofCase.None)
        {
            case Wire.ConfigScope.TargetOneofCase.SensorId:
                if (SensorId.Validate(scope!.SensorId) is { } idError)
                {
                    throw RpcErrors.InvalidArgument($"scope: {idError}");
                }

                return OverrideScope.ForSensor(scope.SensorId);
            case Wire.ConfigScope.TargetOneofCase.Kind:
                if (scope!.Kind.Length == 0 || SensorId.ValidateKind(scope.Kind) is not null)
                {
                    throw RpcErrors.InvalidArgument(
                        $"scope: {SensorId.ValidateKind(scope.Kind) ?? "kind is empty"}; name the kind, or set all for every sensor");
                }

                return OverrideScope.ForKind(scope.Kind);
            case Wire.ConfigScope.TargetOneofCase.All when scope!.All:
                return OverrideScope.All;
            case Wire.ConfigScope.TargetOneofCase.All:
                throw RpcErrors.InvalidArgument("scope: all is false; set it true for every sensor, or set sensor_id or kind instead");
            default:
                throw RpcErrors.InvalidArgument("scope: set one of sensor_id, kind or all");
        }
    }

    public static Wire.ConfigScope ToWire(OverrideScope scope) => scope.Kind switch
    {
        OverrideScopeKind.All => new Wire.ConfigScope { All = true },
        OverrideScopeKind.Kind => new Wire.ConfigScope { Kind = scope.Target },
        _ => new Wire.ConfigScope { SensorId = scope.Target },
    };
}
