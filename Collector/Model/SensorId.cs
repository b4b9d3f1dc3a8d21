using System.Text.RegularExpressions;

namespace Ingest.Collector.Model;

/// <summary>The rules for sensor ids and kinds.</summary>
internal static partial class SensorId
{
    public const int MaxLength = 128;

    /// <summary>Returns why <paramref name="sensorId"/> is not a valid sensor id, or null when it is.</summary>
    public static string? Validate(string sensorId)
    {
        if (string.IsNullOrEmpty(sensorId))
        {
            return "sensor_id is empty; every batch and greeting must name its sensor";
        }

        if (sensorId.Length > MaxLength)
        {
            return $"sensor_id is {sensorId.Length} characters long; at most {MaxLength} are allowed";
        }

        return IdPattern().IsMatch(sensorId)
            ? null
            : $"sensor_id '{Printable(sensorId)}' has characters outside letters, digits and . _ : - (or does not start with a letter or digit)";
    }

    /// <summary>Returns why <paramref name="kind"/> is not a valid kind, or null when it is. Empty is allowed.</summary>
    public static string? ValidateKind(string kind) =>
        kind.Length == 0 || (kind.Length <= 64 && IdPattern().IsMatch(kind))
            ? null
            : $"kind '{Printable(kind)}' must be at most 64 letters, digits and . _ : -";

    private static string Printable(string value)
    {
        var shortened = value.Length > 40 ? value[..40] + "…" : value;
        return RegexEscape().Replace(shortened, "?");
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._:-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"[\p{C}]", RegexOptions.CultureInvariant)]
    private static partial Regex RegexEscape();
}
