using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Grpc;

/// <summary>
/// The Admin service of several collectors that share one database: each call goes to the first collector that
/// answers (<see cref="CollectorFailover{TClient}"/>), since every one of them sees every sensor and override.
/// </summary>
internal sealed class FailoverAdminClient : ISensorConfigAdmin, ISensorCommandAdmin
{
    private readonly CollectorFailover<ISensorConfigAdmin> _config;
    private readonly CollectorFailover<ISensorCommandAdmin> _commands;

    public FailoverAdminClient(CollectorFailover<ISensorConfigAdmin> config, CollectorFailover<ISensorCommandAdmin> commands)
    {
        _config = config;
        _commands = commands;
    }

    public Task<OverrideResult> SetOverrideAsync(
        ConfigScope scope, IReadOnlyDictionary<string, string> settings, TimeSpan timeout, CancellationToken cancellationToken) =>
        _config.CallAsync("config set", admin => admin.SetOverrideAsync(scope, settings, timeout, cancellationToken), cancellationToken);

    public Task<OverrideResult> RemoveOverrideAsync(
        ConfigScope scope, IReadOnlyList<string> settings, TimeSpan timeout, CancellationToken cancellationToken) =>
        _config.CallAsync("config unset", admin => admin.RemoveOverrideAsync(scope, settings, timeout, cancellationToken), cancellationToken);

    public Task<SensorConfiguration> GetSensorAsync(string sensorId, TimeSpan timeout, CancellationToken cancellationToken) =>
        _config.CallAsync("config show", admin => admin.GetSensorAsync(sensorId, timeout, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<SensorConfiguration>> ListSensorsAsync(
        SensorFilter filter, TimeSpan timeout, CancellationToken cancellationToken) =>
        _config.CallAsync("config list", admin => admin.ListSensorsAsync(filter, timeout, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ConfigOverride>> ListOverridesAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _config.CallAsync("config overrides", admin => admin.ListOverridesAsync(timeout, cancellationToken), cancellationToken);

    public Task<CommandResult> SendCommandAsync(
        ConfigScope scope, SensorCommandKind command, TimeSpan timeout, CancellationToken cancellationToken) =>
        _commands.CallAsync("command", admin => admin.SendCommandAsync(scope, command, timeout, cancellationToken), cancellationToken);
}
