namespace Ingest.Dashboard.Model;

/// <summary>Orders sensor rows for display.</summary>
internal static class RowOrdering
{
    public static IReadOnlyList<SensorRow> Sort(IEnumerable<SensorRow> rows, SortOrder order)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sorted = order switch
        {
            SortOrder.Kind => rows.OrderBy(row => row.Kind, StringComparer.Ordinal),
            SortOrder.Status => rows.OrderBy(Severity),
            SortOrder.Rate => rows.OrderByDescending(row => row.Latest.ReadingsPerSecond),
            SortOrder.Last => rows.OrderByDescending(row => row.Latest.Last),
            _ => rows.OrderBy(_ => 0),
        };
        return sorted.ThenBy(row => row.SensorId, StringComparer.Ordinal).ToArray();
    }

    private static int Severity(SensorRow row) => row.RejectedOnly ? 0 : row.Status switch
    {
        SensorStatus.Offline => 1,
        SensorStatus.Stale => 2,
        SensorStatus.Unknown => 3,
        _ => 4,
    };
}
