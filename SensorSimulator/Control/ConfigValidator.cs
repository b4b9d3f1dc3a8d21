using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Ingest.Protocol;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Control;

/// <summary>
/// Checks a configuration from the collector against this sensor's own limits and maps it to the settings it
/// runs. A rejection names each field that is out of bounds, its value and the whole range this sensor allows.
/// </summary>
internal sealed class ConfigValidator
{
    private readonly SensorLimitsOptions _limits;

    public ConfigValidator(IOptions<SensorLimitsOptions> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits.Value;
    }

    /// <summary>
    /// The settings <paramref name="config"/> describes, when every field is within the limits; otherwise
    /// false and the <paramref name="reason"/>, one clause per field, such as
    /// <c>BatchSize 20000 is out of range: this sensor allows 1 to 10000</c>.
    /// </summary>
    public bool TryValidate(SensorConfig? config, [NotNullWhen(true)] out SensorConfigValues? settings, out string reason)
    {
        settings = null;
        if (config is null)
        {
            reason = "the configuration is missing";
            return false;
        }

        var problems = new List<string>();
        var samplingInterval = CheckDuration(
            problems, "SamplingInterval", config.SamplingInterval, _limits.MinSamplingInterval, _limits.MaxSamplingInterval);
        var batchSize = CheckCount(problems, "BatchSize", config.BatchSize, _limits.MaxBatchSize);
        var batchMaxAge = CheckDuration(
            problems, "BatchMaxAge", config.BatchMaxAge, _limits.MinBatchMaxAge, _limits.MaxBatchMaxAge);
        var windowBatches = CheckCount(problems, "UploadWindowBatches", config.UploadWindowBatches, _limits.MaxUploadWindowBatches);
        var windowDuration = CheckDuration(
            problems, "UploadWindowDuration", config.UploadWindowDuration, _limits.MinUploadWindowDuration, _limits.MaxUploadWindowDuration);
        var statusInterval = CheckDuration(problems, "StatusInterval", config.StatusInterval, _limits.MinStatusInterval, max: null);
        if (problems.Count > 0)
        {
            reason = string.Join("; ", problems);
            return false;
        }

        settings = new SensorConfigValues(
            samplingInterval, batchSize, batchMaxAge, windowBatches, windowDuration, config.Enabled, statusInterval);
        reason = "";
        return true;
    }

    /// <summary>A duration as an operator reads it: <c>10 ms</c>, <c>2.5 s</c>, <c>5 min</c>, <c>1 h</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks == 0)
        {
            return "0 s";
        }

        return ticks % TimeSpan.TicksPerHour == 0 ? Text($"{duration.TotalHours} h")
            : ticks % TimeSpan.TicksPerMinute == 0 ? Text($"{duration.TotalMinutes} min")
            : Math.Abs(ticks) >= TimeSpan.TicksPerSecond ? Text($"{duration.TotalSeconds:0.###} s")
            : Text($"{duration.TotalMilliseconds:0.###} ms");
    }

    private static TimeSpan CheckDuration(List<string> problems, string field, Duration? value, TimeSpan min, TimeSpan? max)
    {
        if (value is null)
        {
            problems.Add(Text($"{field} is missing"));
            return default;
        }

        TimeSpan duration;
        try
        {
            duration = value.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            problems.Add(Text($"{field} ({value.Seconds} s, {value.Nanos} ns) is not a valid duration"));
            return default;
        }

        if (duration < min || (max is { } limit && duration > limit))
        {
            var allowed = max is { } most ? $"{DurationText.Format(min)} to {DurationText.Format(most)}" : $"{DurationText.Format(min)} or more";
            problems.Add(Text($"{field} {DurationText.Format(duration)} is out of range: this sensor allows {allowed}"));
        }

        return duration;
    }

    private static int CheckCount(List<string> problems, string field, uint value, int max)
    {
        if (value < 1 || value > (uint)max)
        {
            problems.Add(Text($"{field} {value} is out of range: this sensor allows 1 to {max}"));
        }

        return (int)Math.Min(value, int.MaxValue);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
