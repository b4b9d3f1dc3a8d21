namespace Ingest.Dashboard.Rendering;

/// <summary>
/// Chooses the columns that fit a width: id, status and last value always; then, as long as the next fits, config
/// (an operator changing configuration watches it converge, at 80 columns too), rate, rejected batches (a column there
/// only when some sensor has them), mean, kind, trend, and min and max together. Narrowing drops them in the reverse
/// order: min and max first, config last. The trend column starts at <see cref="MinTrendWidth"/> and takes the width left over, up
/// to its content; the id column gives up width last, down to <see cref="MinIdWidth"/>.
/// </summary>
internal static class ColumnLayout
{
    /// <summary>Width a column takes beyond its content: one space of padding on each side and a separator.</summary>
    public const int ColumnOverhead = 3;

    /// <summary>Width the table's outer edges take beyond its columns' (two edges, one separator fewer).</summary>
    public const int TableOverhead = 1;

    /// <summary>The narrowest the id column is squeezed to.</summary>
    public const int MinIdWidth = 8;

    /// <summary>The widest the id column grows to.</summary>
    public const int MaxIdWidth = 40;

    /// <summary>The width the trend column needs to be shown at all.</summary>
    public const int MinTrendWidth = 8;

    private static readonly SensorColumn[][] Priority =
    [
        [SensorColumn.Id, SensorColumn.Status, SensorColumn.Last],
        [SensorColumn.Config],
        [SensorColumn.Rate],
        [SensorColumn.Rejected],
        [SensorColumn.Mean],
        [SensorColumn.Kind],
        [SensorColumn.Trend],
        [SensorColumn.Min, SensorColumn.Max],
    ];

    /// <summary>
    /// The columns to show, in display order, with the width of each column's content, for a table at most
    /// <paramref name="width"/> wide whose columns' content needs <paramref name="contentWidths"/>. A column
    /// missing from <paramref name="contentWidths"/> has nothing to show and is left out.
    /// </summary>
    public static IReadOnlyList<(SensorColumn Column, int Width)> Choose(
        IReadOnlyDictionary<SensorColumn, int> contentWidths, int width)
    {
        ArgumentNullException.ThrowIfNull(contentWidths);
        var widths = contentWidths.ToDictionary(pair => pair.Key, pair => pair.Value);
        widths[SensorColumn.Id] = Math.Min(widths[SensorColumn.Id], MaxIdWidth);
        var trendWanted = widths[SensorColumn.Trend];
        widths[SensorColumn.Trend] = Math.Min(trendWanted, MinTrendWidth);

        var chosen = new List<SensorColumn>();
        foreach (var group in Priority.Where(group => group.All(widths.ContainsKey)))
        {
            var needed = group.Sum(column => widths[column] + ColumnOverhead);
            if (chosen.Count > 0 && Total(chosen, widths) + needed > width)
            {
                break;
            }

            chosen.AddRange(group);
        }

        var spare = width - Total(chosen, widths);
        if (chosen.Contains(SensorColumn.Trend) && spare > 0)
        {
            widths[SensorColumn.Trend] += Math.Min(spare, trendWanted - widths[SensorColumn.Trend]);
        }
        else if (spare < 0)
        {
            widths[SensorColumn.Id] = Math.Max(MinIdWidth, widths[SensorColumn.Id] + spare);
        }

        return chosen.Order().Select(column => (column, widths[column])).ToArray();
    }

    private static int Total(IEnumerable<SensorColumn> columns, Dictionary<SensorColumn, int> widths) =>
        TableOverhead + columns.Sum(column => widths[column] + ColumnOverhead);
}
