using Ingest.Collector.Model;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Aggregation;

/// <summary>
/// Sums up a time-ordered batch for every window size of the aggregates (<see cref="WindowRuns"/>), where
/// the batch is validated. A run's end is found by a search on the ordered timestamps, and its sum,
/// minimum and maximum in one vectorised pass, shared by the sizes whose runs cover the same readings.
/// A batch that spans many windows (readings far apart) gets no runs: they would take more memory than
/// its readings while it waits for commit, and the aggregates then take it from its readings. Thread-safe.
/// </summary>
internal sealed class WindowRunPlanner(IOptions<AggregationOptions> options)
{
    /// <summary>The most runs a batch may have for one window size; a batch with more gets none.</summary>
    public const int MaxRunsPerSize = 8;

    private readonly long[] _lengthsMicros = [.. options.Value.WindowSizes.Select(window => window.Ticks / TimeSpan.TicksPerMicrosecond)];

    /// <summary>The window lengths in µs, in the order of the aggregates' sizes.</summary>
    public IReadOnlyList<long> LengthsMicros => _lengthsMicros;

    /// <summary>
    /// The runs of a batch whose timestamps never decrease, index for index with its values; null when some
    /// window size would have more than <see cref="MaxRunsPerSize"/> of them.
    /// </summary>
    public WindowRuns? Summarize(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        if (timestampsMicros.Length != values.Length)
        {
            throw new ArgumentException("Timestamps and values must have the same length.", nameof(values));
        }

        var counts = new int[_lengthsMicros.Length];
        for (var size = 0; size < _lengthsMicros.Length; size++)
        {
            counts[size] = CountRuns(timestampsMicros, _lengthsMicros[size]);
            if (counts[size] > MaxRunsPerSize)
            {
                return null;
            }
        }

        var runs = new WindowRun[_lengthsMicros.Length][];
        var shared = new RunStatisticsCache();
        for (var size = 0; size < _lengthsMicros.Length; size++)
        {
            runs[size] = Cut(timestampsMicros, values, _lengthsMicros[size], counts[size], ref shared);
        }

        return new WindowRuns(LengthsMicros, runs);
    }

    private static int CountRuns(ReadOnlySpan<long> timestamps, long length)
    {
        var count = 0;
        for (var from = 0; from < timestamps.Length && count <= MaxRunsPerSize; from = RunEnd(timestamps, from, length))
        {
            count++;
        }

        return count;
    }

    private static WindowRun[] Cut(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long length, int count, ref RunStatisticsCache shared)
    {
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
    private static int RunEnd(ReadOnlySpan<long> timestamps, int from, long length) =>
        WindowSeries.EndOfRun(timestamps, from + 1, WindowSeries.WindowStart(timestamps[from], length) + length);
}
