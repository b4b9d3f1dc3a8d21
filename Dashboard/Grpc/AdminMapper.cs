using Google.Protobuf.WellKnownTypes;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Grpc;

/// <summary>Maps between the Admin service's wire types and the dashboard's own.</summary>
internal static class AdminMapper
{
    public static Wire.ConfigScope ToWire(ConfigScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Level switch
        {
            ScopeLevel.Sensor => new Wire.ConfigScope { SensorId = scope.Target },
            ScopeLevel.Kind => new Wire.ConfigScope { Kind = scope.Target },
            _ => new Wire.ConfigScope { All = true },
        };
    }

    public static Wire.SensorCommandKind ToWire(SensorCommandKind command) => command switch
    {
        SensorCommandKind.Pause => Wire.SensorCommandKind.Pause,
        SensorCommandKind.Resume => Wire.SensorCommandKind.Resume,
        SensorCommandKind.Flush => Wire.SensorCommandKind.Flush,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown command"),
    };

    /// <summary>The scope of an override; one the collector left empty reads as all sensors.</summary>
    public static ConfigScope ToModel(Wire.ConfigScope? scope) => scope?.TargetCase switch
    {
        Wire.ConfigScope.TargetOneofCase.SensorId => ConfigScope.ForSensor(scope.SensorId),
        Wire.ConfigScope.TargetOneofCase.Kind => ConfigScope.ForKind(scope.Kind),
        _ => ConfigScope.All,
    };

    public static ConfigOverride ToModel(Wire.ConfigOverride configOverride)
    {
        ArgumentNullException.ThrowIfNull(configOverride);
        return new ConfigOverride(
            ToModel(configOverride.Scope),
            configOverride.Settings.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
            Time(configOverride.UpdatedAt));
    }

    public static SensorConfiguration ToModel(Wire.SensorConfigState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SensorConfiguration(
            state.SensorId,
            state.Kind,
            state.DesiredVersion,
            state.DesiredHash,
            state.Desired is { } desired ? ToModel(desired) : null,
            state.ReportedVersion,
            state.ReportedHash,
            UpdateMapper.ToModel(state.State),
            state.RejectionReason,
            state.Connected,
            Time(state.LastSeen),
            state.Status is { } status ? ToModel(status) : null,
            state.Overrides.Select(ToModel).ToArray());
    }

    public static SensorConfigValues ToModel(Wire.SensorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SensorConfigValues(
            Span(config.SamplingInterval),
            config.BatchSize,
            Span(config.BatchMaxAge),
            config.UploadWindowBatches,
            Span(config.UploadWindowDuration),
            config.Enabled,
            Span(config.StatusInterval));
    }

    public static SensorReport ToModel(Wire.SensorStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new SensorReport(
            Time(status.At) ?? DateTimeOffset.UnixEpoch,
            status.BufferFill,
            status.DroppedReadings,
            status.ReadingsPerSecond,
            status.Paused,
            status.Disabled,
            status.SampledReadings);
    }

    private static TimeSpan Span(Duration? duration) => duration?.ToTimeSpan() ?? TimeSpan.Zero;

    private static DateTimeOffset? Time(Timestamp? timestamp) => timestamp?.ToDateTimeOffset();
}
