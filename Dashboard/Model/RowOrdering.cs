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
            SortOrder.Status => rows.OrderBy(row => Severity(row.Status)),
            SortOrder.Rate => rows.OrderByDescending(row => row.Latest.ReadingsPerSecond),
            SortOrder.Last => rows.OrderByDescending(row => row.Latest.Last),
            _ => rows.OrderBy(_ => 0),
        };
        return sorted.ThenBy(row => row.SensorId, StringComparer.Ordinal).ToArray();
    }

    private static int Severity(SensorStatus status) => status switch
    {
        SensorStatus.Offline => 0,
        SensorStatus.Stale => 1,
        SensorStatus.Unknown => 2,
        _ => 3,
    };
}
