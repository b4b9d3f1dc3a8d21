using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>
/// <c>config show</c>: one sensor's desired settings, versions and hashes, state, connection, last status and the
/// overrides that apply, as text or (with <c>--json</c>) one JSON object.
/// </summary>
internal sealed class ConfigShowCommand
{
    private readonly ISensorConfigAdmin _admin;
    private readonly DashboardOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigShowCommand> _logger;

    public ConfigShowCommand(ISensorConfigAdmin admin, IOptions<DashboardOptions> options, TimeProvider time, ILogger<ConfigShowCommand> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _admin = admin;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task<int> RunAsync(ConfigShowRequest request, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        return AdminCall.GuardAsync(
            "config show",
            _options.CollectorsText(),
            output.Error,
            _logger,
            async () =>
            {
                var sensor = await _admin.GetSensorAsync(request.SensorId, request.Timeout, cancellationToken);
                await output.Out.WriteAsync(request.Json
                    ? ConfigLines.Format(sensor, withOverrides: true) + "\n"
                    : Text(sensor, _time.GetUtcNow()));
                return ExitCodes.Success;
            },
            cancellationToken);
    }

    /// <summary>The text of <c>config show</c>: a block of labelled lines, then the desired settings and the overrides.</summary>
    public static string Text(SensorConfiguration sensor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var lines = new List<(string Label, string Value)>
        {
            ("sensor", sensor.SensorId),
            ("kind", sensor.Kind),
            ("desired", Versioned(sensor.DesiredVersion, sensor.DesiredHash)),
            ("reported", sensor.ReportedVersion == 0 ? "- (its own start-up settings)" : Versioned(sensor.ReportedVersion, sensor.ReportedHash)),
            ("state", State(sensor)),
            ("connected", sensor.Connected ? "yes" : "no"),
            ("last seen", sensor.LastSeen is { } seen ? $"{ConfigFormat.Time(seen)} ({ConfigFormat.Ago(seen, now)})" : "never since the collector started"),
            ("last status", Status(sensor.Status, now)),
        };
        using var text = new StringWriter();
        Write(text, "", lines);
        text.Write("desired settings\n");
        Write(text, "  ", Settings(sensor.Desired));
        text.Write("overrides that apply (most general first)\n");
        Write(text, "  ", sensor.Overrides.Count == 0
            ? [("(none)", "the collector's settings apply")]
            : sensor.Overrides.Select(item => (item.Scope.ToString(), ConfigFormat.Settings(item.Settings))).ToList());
        return text.ToString();
    }

    private static string Versioned(ulong version, string hash) =>
        string.IsNullOrEmpty(hash) ? ConfigFormat.Version(version) : $"{ConfigFormat.Version(version)} (hash {hash})";

    private static string State(SensorConfiguration sensor) =>
        sensor.State == Model.ConfigState.Rejected && !string.IsNullOrWhiteSpace(sensor.RejectionReason)
            ? $"rejected: {sensor.RejectionReason}"
            : ConfigFormat.State(sensor.State);

    private static string Status(SensorReport? status, DateTimeOffset now)
    {
        if (status is null)
        {
            return "none since the collector started";
        }

        var sampling = ConfigFormat.Sampling(status);
        return $"{ConfigFormat.Ago(status.At, now)}: buffer {ConfigFormat.Percent(status.BufferFill)} full, " +
               $"{ValueFormat.Count(status.DroppedReadings)} dropped, {ValueFormat.Rate(status.ReadingsPerSecond)} readings/s" +
               (sampling.Length > 0 ? $", {sampling}" : ", sampling");
    }

    private static List<(string Label, string Value)> Settings(SensorConfigValues? settings) =>
        settings is null
            ? [("(unknown)", "the collector did not send them")]
            :
            [
                ("SamplingInterval", ConfigFormat.Duration(settings.SamplingInterval)),
                ("BatchSize", ValueFormat.Count(settings.BatchSize)),
                ("BatchMaxAge", ConfigFormat.Duration(settings.BatchMaxAge)),
                ("UploadWindowBatches", ValueFormat.Count(settings.UploadWindowBatches)),
                ("UploadWindowDuration", ConfigFormat.Duration(settings.UploadWindowDuration)),
                ("Enabled", settings.Enabled ? "true" : "false"),
                ("StatusInterval", ConfigFormat.Duration(settings.StatusInterval)),
            ];

    private static void Write(StringWriter text, string indent, IReadOnlyList<(string Label, string Value)> lines)
    {
        var width = lines.Max(line => line.Label.Length);
        foreach (var (label, value) in lines)
        {
            text.Write($"{indent}{label.PadRight(width)}  {value}\n");
        }
    }
}
