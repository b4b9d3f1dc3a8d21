using System.Globalization;

namespace Ingest.Dashboard.CommandLine;

/// <summary>
/// Durations on the command line: a number with a unit (<c>500ms</c>, <c>10s</c>, <c>1.5m</c>, <c>2h</c>, <c>1d</c>)
/// or a .NET time span (<c>00:00:10</c>).
/// </summary>
internal static class DurationArgument
{
    public const string Forms = "a number with ms, s, m, h or d (e.g. 500ms, 10s, 5m), or hh:mm:ss";

    private static readonly (string Suffix, double Milliseconds)[] Units =
    [
        ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
        }

        // "ms" before "m" and "s": the longest suffix that fits wins.
        foreach (var (suffix, milliseconds) in Units.OrderByDescending(unit => unit.Suffix.Length))
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) &&
                amount * milliseconds <= TimeSpan.MaxValue.TotalMilliseconds)
            {
                duration = TimeSpan.FromMilliseconds(amount * milliseconds);
                return true;
            }
        }

        return false;
    }
}
