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

    /// <summary>A size in bytes: <c>512 B</c>, <c>84 KB</c>, <c>132 MB</c>, <c>1.4 GB</c> (powers of 1,024).</summary>
    public static string Bytes(ulong bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0", Invariant)} KB",
        < 1024UL * 1024 * 1024 => $"{(bytes / (1024.0 * 1024)).ToString("0", Invariant)} MB",
        _ => $"{(bytes / (1024.0 * 1024 * 1024)).ToString("0.0", Invariant)} GB",
    };

    /// <summary>A latency: <c>0.35 ms</c>, <c>4.2 ms</c>, <c>180 ms</c>, <c>2.4 s</c>.</summary>
    public static string Latency(TimeSpan latency) => latency.TotalMilliseconds switch
    {
        < 1 => $"{latency.TotalMilliseconds.ToString("0.##", Invariant)} ms",
        < 10 => $"{latency.TotalMilliseconds.ToString("0.#", Invariant)} ms",
        < 1000 => $"{latency.TotalMilliseconds.ToString("0", Invariant)} ms",
        _ => Duration(latency),
    };

    /// <summary>A rate in short form for a chart's scale: <c>850</c>, <c>12.3k</c>, <c>1.2M</c>.</summary>
    public static string ShortRate(double perSecond) => perSecond switch
    {
        >= 1e6 => $"{(perSecond / 1e6).ToString("0.#", Invariant)}M",
        >= 1e3 => $"{(perSecond / 1e3).ToString("0.#", Invariant)}k",
        _ => perSecond.ToString("0.#", Invariant),
    };

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
