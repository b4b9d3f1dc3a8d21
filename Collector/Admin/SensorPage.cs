using Ingest.Collector.DesiredState;

namespace Ingest.Collector.Admin;

/// <summary>
/// One page of <c>ListSensors</c>: the sensors ordered by id after a page token (the last id of the page before), taken
/// without sorting the whole fleet, and whether more follow.
/// </summary>
internal static class SensorPage
{
    /// <summary>Sensors in a page when the request does not say.</summary>
    public const int DefaultSize = 1_000;

    /// <summary>Sensors in a page at most, whatever the request says.</summary>
    public const int MaxSize = 5_000;

    /// <summary>
    /// The first <paramref name="size"/> of <paramref name="sensors"/> whose id is ordinally after <paramref name="after"/>
    /// (all when it is empty), in id order; <c>More</c> when others follow.
    /// </summary>
    public static (List<DesiredConfig> Sensors, bool More) Take(IEnumerable<DesiredConfig> sensors, string after, int size)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);

        // A max-heap on id of the size + 1 smallest ids seen: the extra one tells whether more follow.
        var smallest = new PriorityQueue<DesiredConfig, string>(size + 1, Comparer<string>.Create((x, y) => string.CompareOrdinal(y, x)));
        foreach (var sensor in sensors)
        {
            if (after.Length > 0 && string.CompareOrdinal(sensor.SensorId, after) <= 0)
            {
                continue;
            }

            if (smallest.Count <= size)
            {
                smallest.Enqueue(sensor, sensor.SensorId);
            }
            else
            {
                smallest.EnqueueDequeue(sensor, sensor.SensorId);
            }
        }

        var more = smallest.Count > size;
        if (more)
        {
            smallest.Dequeue();
        }

        var page = new List<DesiredConfig>(smallest.Count);
        while (smallest.TryDequeue(out var sensor, out _))
        {
            page.Add(sensor);
        }

        page.Reverse();
        return (page, more);
    }
}
