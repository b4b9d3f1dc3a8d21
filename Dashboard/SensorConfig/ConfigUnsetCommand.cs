using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Diagnostics;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>
/// <c>config unset</c>: removes settings (or the whole override) of a scope and says which version the affected
/// sensors now have. An override that does not exist is the collector's NOT_FOUND: its message, exit 3.
/// </summary>
internal sealed class ConfigUnsetCommand
{
    private readonly ISensorConfigAdmin _admin;
    private readonly DashboardOptions _options;
    private readonly ILogger<ConfigUnsetCommand> _logger;

    public ConfigUnsetCommand(ISensorConfigAdmin admin, IOptions<DashboardOptions> options, ILogger<ConfigUnsetCommand> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _admin = admin;
        _options = options.Value;
        _logger = logger;
    }

    public Task<int> RunAsync(ConfigUnsetRequest request, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        return AdminCall.GuardAsync(
            "config unset",
            _options.CollectorsText(),
            output.Error,
            _logger,
            async () =>
            {
                var result = await _admin.RemoveOverrideAsync(request.Scope, request.Settings, request.Timeout, cancellationToken);
                var removed = request.Settings.Count == 0 ? "the whole override" : string.Join(' ', request.Settings);
                _logger.OverrideRemoved(removed, request.Scope.ToString(), result.Version, result.SensorsAffected);
                await output.Out.WriteLineAsync(result.SensorsAffected == 0 || result.Version == 0
                    ? $"removed {removed} of {request.Scope}; no sensor's configuration changed"
                    : $"removed {removed} of {request.Scope}; version {result.Version}: {ConfigFormat.Sensors(result.SensorsAffected)} affected");
                return ExitCodes.Success;
            },
            cancellationToken);
    }
}
