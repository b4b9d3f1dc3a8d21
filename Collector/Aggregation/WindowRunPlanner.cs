using Ingest.Collector.Model;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Aggregation;

/// <summary>
/// Sums up a time-ordered batch for every window size of the aggregates (<see cref="WindowRuns"/>), where
/// the batch is validated. A run's end is found by a search on the ordered timestamps, and its sum,
/// minimum and maximum in one vectorised pass, shared by the sizes whose runs cover the same readings
/// (a 1,000-reading batch usually lies in one window of every size). Thread-safe.
/// </summary>
internal sealed class WindowRunPlanner(IOptions<AggregationOptions> options)
{
    public long[] LengthsMicros { get; } = [.. options.Value.WindowSizes.Select(window => window.Ticks / TimeSpan.TicksPerMicrosecond)];

    /// <summary>The runs of a batch whose timestamps never decrease, index for index with its values.</summary>
    public WindowRuns Summarize(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        if (timestampsMicros.Length != values.Length)
        {
            throw new ArgumentException("Timestamps and values must have the same length.", nameof(values));
        }

        var runs = new WindowRun[LengthsMicros.Length][];
        var shared = new RunStatisticsCache();
        for (var size = 0; size < LengthsMicros.Length; size++)
        {
            runs[size] = Cut(timestampsMicros, values, LengthsMicros[size], ref shared);
        }

        return new WindowRuns(LengthsMicros, runs);
    }

    private static WindowRun[] Cut(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long length, ref RunStatisticsCache shared)
    {
        var count = 0;
        for (var from = 0; from < timestamps.Length; from = RunEnd(timestamps, from, length))
        {
            count++;
        }

        var runs = new WindowRun[count];
        var index = 0;
        for (var from = 0; from < timestamps.Length;)
        {
            var to = RunEnd(timestamps, from, length);
            var statistics = shared.Get(values, from, to);
            runs[index++] = new WindowRun(
                WindowSeries.WindowStart(timestamps[from], length), to - from, statistics.Sum, statistics.Min, statistics.Max, values[to - 1], timestamps[to - 1]);
            from = to;
        }

        return runs;
    }

    /// <summary>The index after the last reading from <paramref name="from"/> on that falls in the same window.</summary>
    private static int RunEnd(ReadOnlySpan<long> timestamps, int from, long length)
    {
        var start = WindowSeries.WindowStart(timestamps[from], length);
        if (timestamps[^1] - start < length)
        {
            return timestamps.Length;
        }

        // The first timestamp at or past the window's end, by binary search on the ordered timestamps.
        var end = start + length;
        int low = from + 1, high = timestamps.Length - 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (timestamps[middle] < end)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
