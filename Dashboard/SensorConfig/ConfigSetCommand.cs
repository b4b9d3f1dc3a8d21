using System.Globalization;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Diagnostics;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Rendering;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>
/// <c>config set</c>: merges settings into a scope's override and says which version the affected sensors now have;
/// with <c>--wait</c>, waits until each of them has acknowledged or rejected it. Exit 0 when all acknowledged, 3 when
/// any rejected or the time was up.
/// </summary>
internal sealed class ConfigSetCommand
{
    /// <summary>How many rejection reasons, and how many sensors still waiting, the summary names.</summary>
    public const int SensorsNamed = 3;

    private readonly ISensorConfigAdmin _admin;
    private readonly DashboardOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigSetCommand> _logger;

    public ConfigSetCommand(ISensorConfigAdmin admin, IOptions<DashboardOptions> options, TimeProvider time, ILogger<ConfigSetCommand> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _admin = admin;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task<int> RunAsync(ConfigSetRequest request, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        return AdminCall.GuardAsync(
            "config set", _options.CollectorsText(), output.Error, _logger, () => SetAsync(request, output, cancellationToken), cancellationToken);
    }

    /// <summary><c>version 7: 250 sensors affected</c>, or that nothing changed and why that may be.</summary>
    public static string Describe(OverrideResult result, ConfigScope scope)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.SensorsAffected == 0 || result.Version == 0
            ? $"no sensor's configuration changed: the override of {scope} is saved, but no known sensor gets a new value from it"
            : $"version {result.Version}: {ConfigFormat.Sensors(result.SensorsAffected)} affected";
    }

    /// <summary>The lines that end a wait: the tally, then the rejections and the sensors still waiting, if any.</summary>
    public static IReadOnlyList<string> Summary(WaitOutcome outcome, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var tally = $"v{outcome.Version} acknowledged by {outcome.Acknowledged.Count} of {ConfigFormat.Sensors(outcome.Total)}";
        var lines = new List<string>
        {
            outcome.TimedOut
                ? $"{tally}; timed out after {ValueFormat.Duration(budget)}"
                : $"{tally} in {outcome.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s",
        };
        if (outcome.Rejected.Count > 0)
        {
            lines.Add($"{outcome.Rejected.Count} rejected: " + Named(outcome.Rejected, sensor => $"{sensor.SensorId}: {Reason(sensor)}", "; "));
        }

        if (outcome.Waiting.Count > 0)
        {
            lines.Add($"{outcome.Waiting.Count} not acknowledged: " +
                      Named(outcome.Waiting, sensor => sensor.Connected ? sensor.SensorId : $"{sensor.SensorId} (not connected)", ", "));
        }

        return lines;
    }

    private async Task<int> SetAsync(ConfigSetRequest request, CommandOutput output, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetTimestamp();
        var result = await _admin.SetOverrideAsync(request.Scope, request.Settings, request.Timeout, cancellationToken);
        _logger.OverrideSet(ConfigFormat.Settings(request.Settings), request.Scope.ToString(), result.Version, result.SensorsAffected);
        await output.Out.WriteLineAsync(Describe(result, request.Scope));
        if (!request.Wait || result.Version == 0)
        {
            return ExitCodes.Success;
        }

        var progress = new ProgressLine(output.Terminal is null ? null : output.Out);
        var outcome = await new AcknowledgementWait(_admin, _time).RunAsync(
            request.Scope, result.Version, startedAt, request.Timeout, tally => progress.Show(Progress(tally)), cancellationToken);
        progress.Clear();
        if (outcome is null)
        {
            await output.Out.WriteLineAsync(
                $"v{result.Version}: timed out after {ValueFormat.Duration(request.Timeout)} before the collector listed the sensors");
            return ExitCodes.CollectorError;
        }

        _logger.WaitEnded(outcome.Version, outcome.Acknowledged.Count, outcome.Total, outcome.Rejected.Count, outcome.Elapsed, outcome.TimedOut);
        foreach (var line in Summary(outcome, request.Timeout))
        {
            await output.Out.WriteLineAsync(line);
        }

        return outcome.Complete && outcome.Rejected.Count == 0 ? ExitCodes.Success : ExitCodes.CollectorError;
    }

    private static string Progress(WaitOutcome tally) =>
        $"waiting for v{tally.Version}: {tally.Acknowledged.Count} of {tally.Total} acknowledged, " +
        $"{tally.Rejected.Count} rejected, {tally.Waiting.Count} waiting ({ValueFormat.Duration(tally.Elapsed)})";

    private static string Reason(SensorConfiguration sensor) =>
        string.IsNullOrWhiteSpace(sensor.RejectionReason) ? "no reason given" : sensor.RejectionReason.ReplaceLineEndings(" ").Trim();

    private static string Named(IReadOnlyList<SensorConfiguration> sensors, Func<SensorConfiguration, string> describe, string separator)
    {
        var named = string.Join(separator, sensors.Take(SensorsNamed).Select(describe));
        return sensors.Count > SensorsNamed ? $"{named}{separator}and {sensors.Count - SensorsNamed} more" : named;
    }
}
