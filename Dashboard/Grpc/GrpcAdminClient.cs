using Grpc.Core;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Grpc;

/// <summary>The collector's Admin service over the shared channel, each call with its own deadline. Generated types stay here.</summary>
internal sealed class GrpcAdminClient : ISensorConfigAdmin, ISensorCommandAdmin
{
    private readonly Wire.Admin.AdminClient _admin;
    private readonly TimeProvider _time;

    public GrpcAdminClient(CallInvoker invoker, TimeProvider time)
    {
        _admin = new Wire.Admin.AdminClient(invoker);
        _time = time;
    }

    public async Task<OverrideResult> SetOverrideAsync(
        ConfigScope scope, IReadOnlyDictionary<string, string> settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = new Wire.SetConfigOverrideRequest { Scope = AdminMapper.ToWire(scope) };
        request.Settings.Add(settings.ToDictionary());
        var reply = await _admin.SetConfigOverrideAsync(request, WireProtocol.Headers(), Deadline(timeout), cancellationToken);
        return new OverrideResult(reply.SensorsAffected, reply.Version);
    }

    public async Task<OverrideResult> RemoveOverrideAsync(
        ConfigScope scope, IReadOnlyList<string> settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new Wire.RemoveConfigOverrideRequest { Scope = AdminMapper.ToWire(scope) };
        request.Settings.AddRange(settings);
        var reply = await _admin.RemoveConfigOverrideAsync(request, WireProtocol.Headers(), Deadline(timeout), cancellationToken);
        return new OverrideResult(reply.SensorsAffected, reply.Version);
    }

    public async Task<SensorConfiguration> GetSensorAsync(string sensorId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await _admin.GetSensorConfigAsync(
            new Wire.GetSensorConfigRequest { SensorId = sensorId }, WireProtocol.Headers(), Deadline(timeout), cancellationToken);
        return AdminMapper.ToModel(reply);
    }

    /// <summary>Sensors asked for in one ListSensors page: the collector's largest.</summary>
    internal const uint ListPageSize = 5_000;

    public async Task<IReadOnlyList<SensorConfiguration>> ListSensorsAsync(
        SensorFilter filter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var request = new Wire.ListSensorsRequest { PageSize = ListPageSize };
        request.SensorIds.AddRange(filter.SensorPatterns);
        request.Kinds.AddRange(filter.Kinds);
        var deadline = Deadline(timeout);
        var sensors = new List<SensorConfiguration>();

        // The collector answers a page at a time; one deadline covers them all.
        while (true)
        {
            var reply = await _admin.ListSensorsAsync(request, WireProtocol.Headers(), deadline, cancellationToken);
            sensors.AddRange(reply.Sensors.Select(AdminMapper.ToModel));
            if (reply.NextPageToken.Length == 0 || reply.NextPageToken == request.PageToken)
            {
                return sensors;
            }

            request.PageToken = reply.NextPageToken;
        }
    }

    public async Task<IReadOnlyList<ConfigOverride>> ListOverridesAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await _admin.ListConfigOverridesAsync(
            new Wire.ListConfigOverridesRequest(), WireProtocol.Headers(), Deadline(timeout), cancellationToken);
        return reply.Overrides.Select(AdminMapper.ToModel).ToArray();
    }

    public async Task<CommandResult> SendCommandAsync(
        ConfigScope scope, SensorCommandKind command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new Wire.SendCommandRequest { Scope = AdminMapper.ToWire(scope), Command = AdminMapper.ToWire(command) };
        var reply = await _admin.SendCommandAsync(request, WireProtocol.Headers(), Deadline(timeout), cancellationToken);
        return new CommandResult(reply.SensorsReached, reply.SensorsSkipped);
    }

    private DateTime Deadline(TimeSpan timeout) => _time.GetUtcNow().UtcDateTime + timeout;
}
