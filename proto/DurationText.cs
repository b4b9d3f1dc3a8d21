using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.Protocol;

/// <summary>
/// The one way Ingest writes and reads a duration as text — in sensor settings sent to the collector and on
/// every command line: a number with a unit (<c>250ms</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c>) or
/// <c>hh:mm:ss[.fff]</c>. Never negative; exact to the tick.
/// </summary>
public static partial class DurationText
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Forms = "a number with ms, s, m, h or d (e.g. 250ms, 1.5s, 2m, 1h), or hh:mm:ss[.fff]";

    /// <summary>Reads one of the <see cref="Forms"/>; false when <paramref name="text"/> is none of them.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = UnitDuration().Match(text);
        if (match.Success)
        {
            if (!decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unit = match.Groups[2].Value.ToLowerInvariant() switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => TimeSpan.TicksPerDay,
            };
            var ticks = amount > decimal.MaxValue / unit ? decimal.MaxValue : decimal.Round(amount * unit);
            duration = ticks > TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
            return true;
        }

        var trimmed = text.Trim();
        return trimmed.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration)
            && duration >= TimeSpan.Zero;
    }

    /// <summary>A duration in the shortest form <see cref="TryParse"/> reads back: <c>1h</c>, <c>2m</c>, <c>5s</c>, <c>250ms</c>, <c>0.0001s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        return ticks switch
        {
            0 => "0ms",
            _ when ticks % TimeSpan.TicksPerHour == 0 => string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerHour}h"),
            _ when ticks % TimeSpan.TicksPerMinute == 0 => string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerMinute}m"),
            _ when ticks % TimeSpan.TicksPerSecond == 0 => string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerSecond}s"),
            _ when ticks % TimeSpan.TicksPerMillisecond == 0 => string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerMillisecond}ms"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(decimal)ticks / TimeSpan.TicksPerSecond}s"),
        };
    }

    [GeneratedRegex(@"\A\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UnitDuration();
}
