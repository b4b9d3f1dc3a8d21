using Ingest.Collector.Aggregation;

namespace Ingest.Collector.Tests.Aggregation;

/// <summary>
/// What differs between two sensors' aggregates — the watermark, and every open and closed window of every size
/// (start, end, count, and min, max and last bit for bit; the mean within a tolerance relative to the values'
/// magnitude) and the change flags — or null when nothing does. Compares a faster way of applying batches with
/// reading by reading.
/// </summary>
internal static class AggregateDifference
{
    public static string? Between(SensorAggregate fast, SensorAggregate reference, double meanTolerance)
    {
        if (fast.WatermarkMicros != reference.WatermarkMicros)
        {
            return $"watermark {fast.WatermarkMicros}, reading by reading {reference.WatermarkMicros}";
        }

        for (var s = 0; s < fast.Series.Length; s++)
        {
            var (series, expected) = (fast.Series[s], reference.Series[s]);
            var where = $"window {series.Window}";
            if (series.LatestChanged != expected.LatestChanged)
            {
                return $"{where}: latest changed {series.LatestChanged}, reading by reading {expected.LatestChanged}";
            }

            if (series.ClosedCount != expected.ClosedCount)
            {
                return $"{where}: {series.ClosedCount} closed windows, reading by reading {expected.ClosedCount}";
            }

            for (var w = 0; w < series.ClosedCount; w++)
            {
                if (Difference(series.Closed[w], expected.Closed[w], meanTolerance) is { } closed)
                {
                    return $"{where}, closed window {w}: {closed}";
                }
            }

            if (Difference(series.Open, expected.Open, meanTolerance) is { } open)
            {
                return $"{where}, open window: {open}";
            }
        }

        return null;
    }

    private static string? Difference(WindowAccumulator? window, WindowAccumulator? expected, double meanTolerance)
    {
        if (window is null || expected is null)
        {
            return window is null == expected is null ? null : $"{(window is null ? "none" : "one")}, reading by reading {(expected is null ? "none" : "one")}";
        }

        var actual = (window.StartMicros, window.EndMicros, window.Count, Bits(window.Min), Bits(window.Max), Bits(window.Last));
        var wanted = (expected.StartMicros, expected.EndMicros, expected.Count, Bits(expected.Min), Bits(expected.Max), Bits(expected.Last));
        if (actual != wanted)
        {
            return $"(start, end, count, min, max, last) {Show(window)}, reading by reading {Show(expected)}";
        }

        var scale = Math.Max(1, Math.Max(Math.Abs(expected.Min), Math.Abs(expected.Max)));
        return Math.Abs(window.Mean - expected.Mean) <= meanTolerance * scale ? null : $"mean {window.Mean:R}, reading by reading {expected.Mean:R}";
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static string Show(WindowAccumulator window) =>
        $"({window.StartMicros}, {window.EndMicros}, {window.Count}, {window.Min:R}, {window.Max:R}, {window.Last:R})";
}
