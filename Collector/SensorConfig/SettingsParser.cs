using System.Globalization;
using Ingest.Protocol;

namespace Ingest.Collector.SensorConfig;

/// <summary>
/// The one parser of setting names and values, used by the admin calls and by <c>Collector:Control:Kinds</c>.
/// Names are case-insensitive on input and canonical on output; durations are written as
/// <see cref="DurationText"/> reads them; errors name the setting, the value and the allowed range.
/// </summary>
internal static class SettingsParser
{
    public const string SamplingInterval = nameof(SensorConfigValues.SamplingInterval);
    public const string BatchSize = nameof(SensorConfigValues.BatchSize);
    public const string BatchMaxAge = nameof(SensorConfigValues.BatchMaxAge);
    public const string UploadWindowBatches = nameof(SensorConfigValues.UploadWindowBatches);
    public const string UploadWindowDuration = nameof(SensorConfigValues.UploadWindowDuration);
    public const string Enabled = nameof(SensorConfigValues.Enabled);
    public const string StatusInterval = nameof(SensorConfigValues.StatusInterval);

    /// <summary>The most batches one upload window may hold.</summary>
    public const int MaxUploadWindowBatches = 10_000;

    /// <summary>Every setting name, canonically spelled, in the order of the wire's fields.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [SamplingInterval, BatchSize, BatchMaxAge, UploadWindowBatches, UploadWindowDuration, Enabled, StatusInterval];

    /// <summary>The canonical spelling of <paramref name="name"/>, or null when it names no setting.</summary>
    public static string? CanonicalName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        foreach (var known in Names)
        {
            if (string.Equals(known, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>The error for a name that is not a setting.</summary>
    public static string UnknownName(string name) => $"unknown setting \"{name}\"; known settings: {string.Join(", ", Names)}";

    /// <summary>
    /// Parses <paramref name="value"/> for the setting <paramref name="name"/> (any case) and sets it on
    /// <paramref name="config"/>; returns why it cannot, or null with the changed configuration in <paramref name="result"/>.
    /// </summary>
    public static string? TryApply(SensorConfigValues config, string name, string value, int maxBatchSize, out SensorConfigValues result)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(value);
        result = config;
        var canonical = CanonicalName(name);
        if (canonical is null)
        {
            return UnknownName(name);
        }

        string? error;
        switch (canonical)
        {
            case SamplingInterval:
                error = ParseDuration(canonical, value, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), out var sampling);
                result = config with { SamplingInterval = sampling };
                break;
            case BatchSize:
                error = ParseInteger(canonical, value, 1, maxBatchSize, out var batchSize);
                result = config with { BatchSize = batchSize };
                break;
            case BatchMaxAge:
                error = ParseDuration(canonical, value, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), out var maxAge);
                result = config with { BatchMaxAge = maxAge };
                break;
            case UploadWindowBatches:
                error = ParseInteger(canonical, value, 1, MaxUploadWindowBatches, out var windowBatches);
                result = config with { UploadWindowBatches = windowBatches };
                break;
            case UploadWindowDuration:
                error = ParseDuration(canonical, value, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), out var windowDuration);
                result = config with { UploadWindowDuration = windowDuration };
                break;
            case Enabled:
                error = bool.TryParse(value.Trim(), out var enabled) ? null : $"{canonical} \"{value}\" is not true or false";
                result = config with { Enabled = enabled };
                break;
            default:
                error = ParseDuration(canonical, value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), out var statusInterval);
                result = config with { StatusInterval = statusInterval };
                break;
        }

        if (error is not null)
        {
            result = config;
        }

        return error;
    }

    /// <summary>The canonical text of one setting's value in <paramref name="config"/>, e.g. <c>250ms</c>, <c>100</c>, <c>true</c>.</summary>
    public static string Format(SensorConfigValues config, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        return CanonicalName(name) switch
        {
            SamplingInterval => DurationText.Format(config.SamplingInterval),
            BatchSize => config.BatchSize.ToString(CultureInfo.InvariantCulture),
            BatchMaxAge => DurationText.Format(config.BatchMaxAge),
            UploadWindowBatches => config.UploadWindowBatches.ToString(CultureInfo.InvariantCulture),
            UploadWindowDuration => DurationText.Format(config.UploadWindowDuration),
            Enabled => config.Enabled ? "true" : "false",
            StatusInterval => DurationText.Format(config.StatusInterval),
            _ => throw new ArgumentException(UnknownName(name), nameof(name)),
        };
    }

    /// <summary>
    /// Parses a map of setting names and values into canonical names and canonical values; every problem
    /// is added to <paramref name="errors"/> (and the setting left out).
    /// </summary>
    public static Dictionary<string, string> Normalize(IEnumerable<KeyValuePair<string, string>> settings, int maxBatchSize, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        var normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (TryApply(SensorConfigValues.BuiltIn, name, value ?? "", maxBatchSize, out var parsed) is { } error)
            {
                errors.Add(error);
                continue;
            }

            var canonical = CanonicalName(name)!;
            if (!normalized.TryAdd(canonical, Format(parsed, canonical)))
            {
                errors.Add($"setting {canonical} is given more than once (names are case-insensitive)");
            }
        }

        return normalized;
    }

    /// <summary>Why the values of <paramref name="config"/> are out of bounds, one message per setting; empty when all are fine.</summary>
    public static IEnumerable<string> Check(SensorConfigValues config, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var name in Names)
        {
            if (TryApply(config, name, Format(config, name), maxBatchSize, out _) is { } error)
            {
                yield return error;
            }
        }
    }

    /// <summary>The allowed range as an operator writes it: <c>allowed 10ms to 1h</c>.</summary>
    private static string Allowed(TimeSpan min, TimeSpan max) => $"allowed {DurationText.Format(min)} to {DurationText.Format(max)}";

    private static string Allowed(int min, int max) => string.Create(CultureInfo.InvariantCulture, $"allowed {min} to {max}");

    /// <summary>The error of a value that parses but is out of bounds: <c>SamplingInterval 5ms is out of range: allowed 10ms to 1h</c>.</summary>
    private static string OutOfRange(string name, string value, string allowed) => $"{name} {value.Trim()} is out of range: {allowed}";

    private static string? ParseDuration(string name, string value, TimeSpan min, TimeSpan max, out TimeSpan duration)
    {
        if (!DurationText.TryParse(value, out duration))
        {
            return $"{name} \"{value}\" is not a duration; write e.g. 250ms, 1.5s, 2m, 1h or 00:00:00.250 ({Allowed(min, max)})";
        }

        return duration < min || duration > max ? OutOfRange(name, value, Allowed(min, max)) : null;
    }

    private static string? ParseInteger(string name, string value, int min, int max, out int number)
    {
        number = 0;
        if (!long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return $"{name} \"{value}\" is not a whole number ({Allowed(min, max)})";
        }

        if (parsed < min || parsed > max)
        {
            return OutOfRange(name, value, Allowed(min, max));
        }

        number = (int)parsed;
        return null;
    }
}
