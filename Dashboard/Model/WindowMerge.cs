namespace Ingest.Dashboard.Model;

/// <summary>
/// Makes one window whole from the parts several collectors committed of it: each reading is committed by exactly
/// one collector, so the parts are disjoint and their mergeable statistics combine exactly. Count and rejected
/// batches add up; min and max are the least and greatest; the mean is count-weighted; the rate is the merged count
/// over the window's length; liveness is the best of the parts. Last, kind, configuration and paused come from the
/// newest part that holds readings (the caller orders the parts oldest first); the window is closed only when every
/// part is.
/// </summary>
internal static class WindowMerge
{
    /// <summary>The whole window from <paramref name="partsOldestFirst"/>, all of one <see cref="WindowKey"/>.</summary>
    public static WindowAggregate Merge(IReadOnlyList<WindowAggregate> partsOldestFirst)
    {
        ArgumentNullException.ThrowIfNull(partsOldestFirst);
        ArgumentOutOfRangeException.ThrowIfZero(partsOldestFirst.Count);
        if (partsOldestFirst.Count == 1)
        {
            return partsOldestFirst[0];
        }

        var newest = partsOldestFirst.LastOrDefault(part => part.Count > 0) ?? partsOldestFirst[^1];
        ulong count = 0, rejected = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, weighted = 0;
        var closed = true;
        var status = SensorStatus.Unknown;
        foreach (var part in partsOldestFirst)
        {
            closed &= part.Closed;
            status = Best(status, part.Status);
            rejected += part.RejectedBatches;
            if (part.Count == 0)
            {
                continue;
            }

            count += part.Count;
            min = Math.Min(min, part.Min);
            max = Math.Max(max, part.Max);
            weighted += part.Mean * part.Count;
        }

        return newest with
        {
            Count = count,
            Min = count > 0 ? min : 0,
            Max = count > 0 ? max : 0,
            Mean = count > 0 ? weighted / count : 0,
            ReadingsPerSecond = Rate(count, newest.Window),
            Status = status,
            Closed = closed,
            RejectedBatches = rejected,
            LastRejection = partsOldestFirst.LastOrDefault(part => part.LastRejection.Length > 0)?.LastRejection ?? "",
        };
    }

    /// <summary>The better liveness of two: live over stale over offline over unknown.</summary>
    public static SensorStatus Best(SensorStatus first, SensorStatus second) => Rank(first) >= Rank(second) ? first : second;

    /// <summary>Readings per second of <paramref name="count"/> readings over <paramref name="window"/>; 0 for an empty window length.</summary>
    public static double Rate(ulong count, TimeSpan window) => window > TimeSpan.Zero ? count / window.TotalSeconds : 0;

    private static int Rank(SensorStatus status) => status switch
    {
        SensorStatus.Live => 3,
        SensorStatus.Stale => 2,
        SensorStatus.Offline => 1,
        _ => 0,
    };
}
