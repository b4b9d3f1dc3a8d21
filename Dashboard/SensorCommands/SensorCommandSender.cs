using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Diagnostics;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.SensorConfig;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.SensorCommands;

/// <summary>
/// <c>command pause|resume|flush</c>: sends a command to the connected sensors in scope and says how many it
/// reached. Reaching none is exit 3.
/// </summary>
internal sealed class SensorCommandSender
{
    private readonly ISensorCommandAdmin _admin;
    private readonly DashboardOptions _options;
    private readonly ILogger<SensorCommandSender> _logger;

    public SensorCommandSender(ISensorCommandAdmin admin, IOptions<DashboardOptions> options, ILogger<SensorCommandSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _admin = admin;
        _options = options.Value;
        _logger = logger;
    }

    public Task<int> RunAsync(SensorCommandRequest request, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var name = Name(request.Command);
        return AdminCall.GuardAsync(
            $"command {name}",
            _options.CollectorsText(),
            output.Error,
            _logger,
            async () =>
            {
                var result = await _admin.SendCommandAsync(request.Scope, request.Command, request.Timeout, cancellationToken);
                _logger.CommandSent(name, request.Scope.ToString(), result.SensorsReached, result.SensorsSkipped);
                if (result.SensorsReached > 0)
                {
                    await output.Out.WriteLineAsync(
                        $"{name} sent to {ConfigFormat.Sensors(result.SensorsReached, "connected")} ({result.SensorsSkipped} skipped)");
                    return ExitCodes.Success;
                }

                await output.Error.WriteLineAsync(result.SensorsSkipped > 0
                    ? $"{name} reached no sensor: the control streams of {ConfigFormat.Sensors(result.SensorsSkipped, "connected")}" +
                      $"{Among(request.Scope)} were too far behind to take it; try again"
                    : $"{name} reached no sensor: {NoneConnected(request.Scope)}");
                return ExitCodes.CollectorError;
            },
            cancellationToken);
    }

    private static string Among(ConfigScope scope) => scope.Level switch
    {
        ScopeLevel.Kind => $" of kind {scope.Target}",
        ScopeLevel.Sensor => $" (sensor {scope.Target})",
        _ => "",
    };

    private static string NoneConnected(ConfigScope scope) => scope.Level switch
    {
        ScopeLevel.Kind => $"no sensor of kind {scope.Target} is connected",
        ScopeLevel.Sensor => $"sensor {scope.Target} is not connected",
        _ => "no sensor is connected",
    };

    /// <summary>The command as typed: <c>pause</c>, <c>resume</c>, <c>flush</c>.</summary>
    public static string Name(SensorCommandKind command) => command.ToString().ToLowerInvariant();
}
