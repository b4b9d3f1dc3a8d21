using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Control;
using Ingest.Collector.DesiredState;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Model;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Storage;
using Ingest.Collector.Subscriptions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Admin;

/// <summary>
/// <c>Admin</c>: operators set and remove configuration overrides (persisted, versioned, pushed to the
/// sensors they change), look at sensors' desired and reported configuration, and send commands.
/// </summary>
internal sealed class AdminService(
    DesiredConfigs desired,
    ReportedConfigs reported,
    ControlSessions sessions,
    ControlMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<AdminService> logger) : Wire.Admin.AdminBase
{
    /// <summary>Sensor ids (or patterns) and kinds a ListSensors request may list, each.</summary>
    public const int MaxFilterEntries = SubscriptionRequest.MaxFilterEntries;

    public override async Task<Wire.ConfigOverrideReply> SetConfigOverride(Wire.SetConfigOverrideRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        Admit();
        var scope = AdminScopes.Read(request.Scope);
        if (request.Settings.Count == 0)
        {
            throw RpcErrors.InvalidArgument($"settings is empty; name at least one of {string.Join(", ", SettingsParser.Names)} with its value");
        }

        var errors = new List<string>();
        var settings = SettingsParser.Normalize(request.Settings, desired.MaxBatchSize, errors);
        if (errors.Count > 0)
        {
            throw RpcErrors.InvalidArgument(string.Join("; ", errors));
        }

        var change = await ChangeAsync(scope, () => desired.SetOverrideAsync(scope, settings, context.CancellationToken));
        CollectorLog.OverrideChanged(logger, scope.ToString(), "set", change.SensorsAffected, change.Version);
        return Reply(change);
    }

    public override async Task<Wire.ConfigOverrideReply> RemoveConfigOverride(Wire.RemoveConfigOverrideRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        Admit();
        var scope = AdminScopes.Read(request.Scope);
        var names = new List<string>();
        var unknown = new List<string>();
        foreach (var name in request.Settings)
        {
            if (SettingsParser.CanonicalName(name) is { } canonical)
            {
                names.Add(canonical);
            }
            else
            {
                unknown.Add(SettingsParser.UnknownName(name));
            }
        }

        if (unknown.Count > 0)
        {
            throw RpcErrors.InvalidArgument(string.Join("; ", unknown));
        }

        var change = await ChangeAsync(scope, () => desired.RemoveOverrideAsync(scope, names, context.CancellationToken))
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no override is set for {scope}; ListConfigOverrides shows those that are"));
        CollectorLog.OverrideChanged(logger, scope.ToString(), "removed", change.SensorsAffected, change.Version);
        return Reply(change);
    }

    public override Task<Wire.SensorConfigState> GetSensorConfig(Wire.GetSensorConfigRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Admit();
        if (SensorId.Validate(request.SensorId) is { } idError)
        {
            throw RpcErrors.InvalidArgument(idError);
        }

        var config = desired.Find(request.SensorId)
            ?? throw new RpcException(new Status(StatusCode.NotFound,
                $"the collector has never seen sensor {request.SensorId}; a sensor becomes known when it greets or opens a control stream"));
        var state = StateOf(config);
        foreach (var entry in desired.Overrides.ApplyingTo(config.SensorId, config.Kind))
        {
            state.Overrides.Add(ToWire(entry));
        }

        return Task.FromResult(state);
    }

    public override Task<Wire.ListSensorsReply> ListSensors(Wire.ListSensorsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Admit();
        ValidateFilter(request);
        if (request.PageSize > SensorPage.MaxSize)
        {
            throw RpcErrors.InvalidArgument($"page_size {request.PageSize} is over the largest page, {SensorPage.MaxSize}; ask for at most that and follow next_page_token");
        }

        if (request.PageToken.Length > 0 && SensorId.Validate(request.PageToken) is not null)
        {
            throw RpcErrors.InvalidArgument("page_token is not one a ListSensors reply gave; send the previous reply's next_page_token, or none for the first page");
        }

        var filter = new SubscriptionFilter(request.SensorIds, request.Kinds);
        var size = request.PageSize == 0 ? SensorPage.DefaultSize : (int)request.PageSize;
        var (page, more) = SensorPage.Take(desired.Sensors.Where(config => filter.Matches(config.SensorId, config.Kind)), request.PageToken, size);
        var reply = new Wire.ListSensorsReply { NextPageToken = more ? page[^1].SensorId : "" };
        reply.Sensors.AddRange(page.Select(StateOf));
        return Task.FromResult(reply);
    }

    public override Task<Wire.ListConfigOverridesReply> ListConfigOverrides(Wire.ListConfigOverridesRequest request, ServerCallContext context)
    {
        Admit();
        var reply = new Wire.ListConfigOverridesReply();
        reply.Overrides.AddRange(desired.Overrides.Ordered().Select(ToWire));
        return Task.FromResult(reply);
    }

    public override Task<Wire.SendCommandReply> SendCommand(Wire.SendCommandRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Admit();
        var scope = AdminScopes.Read(request.Scope);
        var command = request.Command switch
        {
            Wire.SensorCommandKind.Pause => ControlCommand.Pause,
            Wire.SensorCommandKind.Resume => ControlCommand.Resume,
            Wire.SensorCommandKind.Flush => ControlCommand.Flush,
            _ => throw RpcErrors.InvalidArgument(
                $"command {request.Command} is not one the collector sends; use SENSOR_COMMAND_KIND_PAUSE, SENSOR_COMMAND_KIND_RESUME or SENSOR_COMMAND_KIND_FLUSH"),
        };

        int reached = 0, skipped = 0;
        foreach (var session in sessions.All)
        {
            var kind = desired.Find(session.SensorId)?.Kind ?? session.Kind;
            if (!scope.Covers(session.SensorId, kind))
            {
                continue;
            }

            if (session.TryQueue(command))
            {
                reached++;
            }
            else
            {
                skipped++;
                metrics.CommandSkipped();
            }
        }

        CollectorLog.CommandSent(logger, command.ToString(), scope.ToString(), reached, skipped);
        return Task.FromResult(new Wire.SendCommandReply { SensorsReached = (uint)reached, SensorsSkipped = (uint)skipped });
    }

    private void Admit()
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }
    }

    private async Task<T> ChangeAsync<T>(OverrideScope scope, Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (StorageUnavailableException ex)
        {
            CollectorLog.ConfigWriteFailed(logger, scope.ToString(), ex);
            throw RpcErrors.Unavailable($"{ex.Message}; nothing changed, try again");
        }
    }

    private static void ValidateFilter(Wire.ListSensorsRequest request)
    {
        if (request.SensorIds.Count > MaxFilterEntries || request.Kinds.Count > MaxFilterEntries)
        {
            throw RpcErrors.InvalidArgument($"sensor_ids and kinds may list at most {MaxFilterEntries} entries each; use * wildcards to cover more");
        }

        for (var i = 0; i < request.SensorIds.Count; i++)
        {
            var pattern = request.SensorIds[i];
            if (pattern.Length is 0 or > SensorId.MaxLength || !pattern.All(c => char.IsAsciiLetterOrDigit(c) || "._:-*".Contains(c, StringComparison.Ordinal)))
            {
                throw RpcErrors.InvalidArgument(
                    $"sensor_ids[{i}] must be 1 to {SensorId.MaxLength} letters, digits, . _ : - and the wildcard *; leave sensor_ids empty for every sensor");
            }
        }

        for (var i = 0; i < request.Kinds.Count; i++)
        {
            if (SensorId.ValidateKind(request.Kinds[i]) is { } error)
            {
                throw RpcErrors.InvalidArgument($"kinds[{i}]: {error}");
            }
        }
    }

    private static Wire.ConfigOverrideReply Reply(ConfigChange change) =>
        new() { SensorsAffected = (uint)change.SensorsAffected, Version = (ulong)change.Version };

    private Wire.SensorConfigState StateOf(DesiredConfig config)
    {
        var report = reported.Get(config.SensorId);
        var state = SensorConfigLookup.StateOf(config, report);
        var message = new Wire.SensorConfigState
        {
            SensorId = config.SensorId,
            Kind = config.Kind,
            DesiredVersion = (ulong)config.Version,
            DesiredHash = config.Hash,
            Desired = config.Config.ToWire(),
            ReportedVersion = (ulong)report.Version,
            ReportedHash = report.Hash,
            State = AggregateMessages.ToWire(state),
            RejectionReason = state == ConfigSyncState.Rejected ? report.RejectionReason : "",
            Connected = report.Connected,
            LastSeen = report.LastSeen is { } seen ? Timestamp.FromDateTimeOffset(seen) : null,
        };
        if (report.Status is { } status)
        {
            message.Status = new Wire.SensorStatus
            {
                At = status.At == DateTimeOffset.MinValue ? null : Timestamp.FromDateTimeOffset(status.At),
                BufferFill = status.BufferFill,
                DroppedReadings = (ulong)status.DroppedReadings,
                ReadingsPerSecond = status.ReadingsPerSecond,
                Paused = status.Paused,
                SampledReadings = (ulong)status.SampledReadings,
                Disabled = status.Disabled,
            };
        }

        return message;
    }

    private static Wire.ConfigOverride ToWire(SettingsOverride entry)
    {
        var message = new Wire.ConfigOverride { Scope = AdminScopes.ToWire(entry.Scope), UpdatedAt = Timestamp.FromDateTimeOffset(entry.UpdatedAt) };
        message.Settings.Add(entry.Settings);
        return message;
    }
}
