using Ingest.Collector.Model;
using Ingest.Collector.Tests.TestDoubles;

namespace Ingest.Collector.Tests.Aggregation;

/// <summary>
/// Batches for one sensor from a seeded generator: mostly in order and after the previous ones (with gaps
/// from none to minutes, equal timestamps, runs that end exactly at window edges), some overlapping the
/// earlier ones, some out of order, some starting exactly at the latest timestamp so far.
/// </summary>
internal sealed class RandomBatches(int seed)
{
    private const long Second = 1_000_000;

    private readonly Random _random = new(seed);
    private readonly bool _integersOnly = seed % 4 == 0;
    private long _latest = long.MinValue;
    private long _sequence;

    /// <summary>True when every value is a small integer, so that sums are exact in any order.</summary>
    public bool IntegersOnly => _integersOnly;

    /// <summary>The generator's random source, for the test's own choices between batches.</summary>
    public Random Random => _random;

    public ReadingBatch Next()
    {
        var count = _random.Next(4) == 0 ? _random.Next(1, 4) : _random.Next(1, 600);
        var start = _latest == long.MinValue ? TestBatches.BaseMicros + _random.NextInt64(0, 120 * Second) : StartAfter(_latest);
        var timestamps = Ascending(start, count);
        switch (_random.Next(20))
        {
            case < 3:
                // Overlaps what came before, in order.
                timestamps = Ascending(_latest == long.MinValue ? start : _latest - _random.NextInt64(0, 90 * Second), count);
                break;
            case < 6:
                // Out of order: a few readings swapped, or all shuffled.
                if (_random.Next(3) == 0)
                {
                    _random.Shuffle(timestamps);
                }
                else
                {
                    for (var swaps = _random.Next(1, 4); swaps > 0; swaps--)
                    {
                        var (a, b) = (_random.Next(count), _random.Next(count));
                        (timestamps[a], timestamps[b]) = (timestamps[b], timestamps[a]);
                    }
                }

                break;
            case 6 when _latest != long.MinValue:
                // Starts exactly at the latest timestamp so far.
                timestamps = Ascending(_latest, count);
                break;
        }

        var values = Values(count);
        _latest = Math.Max(_latest, timestamps.Max());
        return new ReadingBatch("s", ++_sequence, timestamps, values, timestamps.Min(), timestamps.Max());
    }

    private long StartAfter(long latest) => _random.Next(8) switch
    {
        0 => latest + 1,
        1 => latest + (Second - (latest % Second)), // the next whole second, a window edge of most sizes
        2 => latest + _random.NextInt64(30 * Second, 180 * Second), // several windows later
        _ => latest + _random.NextInt64(1, 3 * Second),
    };

    /// <summary>Non-decreasing timestamps from <paramref name="start"/>: equal ones, 1 µs steps, or steps up to 50 ms.</summary>
    private long[] Ascending(long start, int count)
    {
        var maxStep = _random.Next(5) switch
        {
            0 => 0,
            1 => 1,
            2 => 10_000,
            _ => 50_000,
        };
        var timestamps = new long[count];
        var timestamp = start;
        for (var i = 0; i < count; i++)
        {
            timestamps[i] = timestamp;
            timestamp += maxStep == 10_000 ? maxStep : _random.NextInt64(0, maxStep + 1);
        }

        return timestamps;
    }

    private double[] Values(int count)
    {
        var values = new double[count];
        var mode = _integersOnly ? 0 : _random.Next(3);
        for (var i = 0; i < count; i++)
        {
            values[i] = mode switch
            {
                0 => _random.Next(-20, 21),
                1 => _random.Next(3) switch { 0 => 0.0, 1 => -0.0, _ => (_random.NextDouble() - 0.5) * 1e-3 },
                _ => (_random.NextDouble() - 0.5) * 200,
            };
        }

        return values;
    }
}
