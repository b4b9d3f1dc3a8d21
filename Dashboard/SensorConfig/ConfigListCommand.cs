using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Rendering;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>
/// <c>config list</c>: the sensors the collector knows with their configuration versions and state, as a table
/// (coloured on a terminal, plain text otherwise) or as one JSON object per sensor.
/// </summary>
internal sealed class ConfigListCommand
{
    private readonly ISensorConfigAdmin _admin;
    private readonly DashboardOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigListCommand> _logger;

    public ConfigListCommand(ISensorConfigAdmin admin, IOptions<DashboardOptions> options, TimeProvider time, ILogger<ConfigListCommand> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _admin = admin;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task<int> RunAsync(ConfigListRequest request, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        return AdminCall.GuardAsync(
            "config list",
            _options.CollectorsText(),
            output.Error,
            _logger,
            async () =>
            {
                var sensors = await _admin.ListSensorsAsync(request.Filter, request.Timeout, cancellationToken);
                if (request.Json)
                {
                    foreach (var sensor in sensors)
                    {
                        await output.Out.WriteLineAsync(ConfigLines.Format(sensor, withOverrides: false));
                    }
                }
                else if (sensors.Count == 0)
                {
                    await output.Out.WriteLineAsync(request.Filter.SensorPatterns.Count + request.Filter.Kinds.Count > 0
                        ? "no sensor the collector knows matches --sensor/--kind"
                        : "the collector knows no sensors yet");
                }
                else
                {
                    Table(sensors, _time.GetUtcNow()).WriteTo(output);
                }

                return ExitCodes.Success;
            },
            cancellationToken);
    }

    /// <summary>One row per sensor: id, kind, desired, reported, state, connected, last seen, rate, paused.</summary>
    public static TextTable Table(IEnumerable<SensorConfiguration> sensors, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var table = new TextTable("Sensor", "Kind", "Desired", "Reported", "State", "Connected", "Last seen", "Rate/s", "Paused");
        foreach (var sensor in sensors)
        {
            var sampling = ConfigFormat.Sampling(sensor.Status);
            table.AddRow(
                [
                    sensor.SensorId,
                    sensor.Kind,
                    ConfigFormat.Version(sensor.DesiredVersion),
                    ConfigFormat.Version(sensor.ReportedVersion),
                    ConfigFormat.State(sensor.State),
                    sensor.Connected ? "yes" : "no",
                    ConfigFormat.Ago(sensor.LastSeen, now),
                    sensor.Status is { } status ? ValueFormat.Rate(status.ReadingsPerSecond) : "-",
                    sampling.Length > 0 ? sampling : "-",
                ],
                [
                    null, null, null, null,
                    ConfigFormat.StateStyle(sensor.State),
                    sensor.Connected ? (Style?)null : new Style(Color.Yellow),
                    null, null,
                    sampling.Length > 0 ? new Style(Color.Blue) : (Style?)null,
                ]);
        }

        return table;
    }
}
