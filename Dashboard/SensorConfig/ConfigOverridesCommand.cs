using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.SensorConfig;

/// <summary><c>config overrides</c>: every override with its settings and when it last changed, as a table or JSON lines.</summary>
internal sealed class ConfigOverridesCommand
{
    private readonly ISensorConfigAdmin _admin;
    private readonly DashboardOptions _options;
    private readonly ILogger<ConfigOverridesCommand> _logger;

    public ConfigOverridesCommand(ISensorConfigAdmin admin, IOptions<DashboardOptions> options, ILogger<ConfigOverridesCommand> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _admin = admin;
        _options = options.Value;
        _logger = logger;
    }

    public Task<int> RunAsync(ConfigOverridesRequest request, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        return AdminCall.GuardAsync(
            "config overrides",
            _options.CollectorsText(),
            output.Error,
            _logger,
            async () =>
            {
                var overrides = await _admin.ListOverridesAsync(request.Timeout, cancellationToken);
                if (request.Json)
                {
                    foreach (var item in overrides)
                    {
                        await output.Out.WriteLineAsync(ConfigLines.Format(item));
                    }
                }
                else if (overrides.Count == 0)
                {
                    await output.Out.WriteLineAsync("no overrides: every sensor runs the collector's settings");
                }
                else
                {
                    Table(overrides).WriteTo(output);
                }

                return ExitCodes.Success;
            },
            cancellationToken);
    }

    /// <summary>One row per override: scope, settings, updated at.</summary>
    public static TextTable Table(IEnumerable<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var table = new TextTable("Scope", "Settings", "Updated at");
        foreach (var item in overrides)
        {
            table.AddRow([item.Scope.ToString(), ConfigFormat.Settings(item.Settings), item.UpdatedAt is { } at ? ConfigFormat.Time(at) : "-"]);
        }

        return table;
    }
}
