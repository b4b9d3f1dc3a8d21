using System.Globalization;

namespace Ingest.Dashboard.Rendering;

/// <summary>How numbers and durations read on screen: short, invariant, and never in exponent form for ordinary values.</summary>
internal static class ValueFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A sensor value: up to three decimals, or exponent form when very large or very small.</summary>
    public static string Value(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(Invariant);
        }

        var magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-3)
            ? value.ToString("0.###E+0", Invariant)
            : value.ToString("0.###", Invariant);
    }

    /// <summary>A rate per second: one decimal below 1,000, whole numbers with separators above.</summary>
    public static string Rate(double perSecond) =>
        perSecond >= 1000 ? perSecond.ToString("N0", Invariant) : perSecond.ToString("0.0", Invariant);

    public static string Count(ulong count) => count.ToString("N0", Invariant);

    /// <summary>A duration for a person: <c>850 ms</c>, <c>2.4 s</c>, <c>3 min</c>, <c>1.5 h</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration.TotalSeconds switch
        {
            < 1 => $"{duration.TotalMilliseconds.ToString("0", Invariant)} ms",
            < 60 => $"{duration.TotalSeconds.ToString("0.#", Invariant)} s",
            < 3600 => $"{duration.TotalMinutes.ToString("0.#", Invariant)} min",
            _ => $"{duration.TotalHours.ToString("0.#", Invariant)} h",
        };
    }

    /// <summary>A window size as the command line takes it: <c>1s</c>, <c>500ms</c>, <c>1m</c>.</summary>
    public static string Window(TimeSpan window) => window switch
    {
        { TotalSeconds: < 1 } => $"{window.TotalMilliseconds.ToString("0", Invariant)}ms",
        { TotalSeconds: < 60 } or { Seconds: not 0 } => $"{window.TotalSeconds.ToString("0.###", Invariant)}s",
        _ => $"{window.TotalMinutes.ToString("0.###", Invariant)}m",
    };
}
